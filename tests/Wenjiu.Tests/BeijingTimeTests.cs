using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Time;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using Wenjiu.Tests.Relief;

namespace Wenjiu.Tests;

/// <summary>Every time a person reads is Beijing time (Asia/Shanghai), written one way (Platform's BeijingTime), and says so.</summary>
public sealed class BeijingTimeTests
{
    [Fact]
    public void An_instant_is_shown_at_utc_plus_eight_and_a_beijing_day_starts_at_16_utc_the_day_before()
    {
        var instant = new DateTimeOffset(2020, 3, 8, 17, 30, 5, TimeSpan.Zero);

        Assert.Equal("2020-03-09 01:30", BeijingTime.Format(instant));
        Assert.Equal("2020-03-09 01:30:05", BeijingTime.Format(instant, seconds: true));
        Assert.Equal(new DateOnly(2020, 3, 9), BeijingTime.DayOf(instant));
        Assert.Equal(new DateTimeOffset(2020, 3, 8, 16, 0, 0, TimeSpan.Zero), BeijingTime.StartOf(new DateOnly(2020, 3, 9)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_audit_page_shows_each_entry_in_beijing_time_and_says_so(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync("someone", "test.beijing-time", "record:1", null, CancellationToken.None);
        }

        var entry = await QueryAsync(factory, db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "test.beijing-time"));
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        var chinese = await admin.GetPageAsync("/Admin/Audit?Search.Action=test.beijing-time");
        var english = await admin.GetPageAsync("/Admin/Audit?Search.Action=test.beijing-time&culture=en");

        Assert.Contains("时间（北京时间）", chinese, StringComparison.Ordinal);
        Assert.Contains("When (Beijing time)", english, StringComparison.Ordinal);
        Assert.Contains($">{BeijingTime.Format(entry.OccurredAt, seconds: true)}</time>", chinese, StringComparison.Ordinal);
        Assert.Contains($"datetime=\"{BeijingTime.Of(entry.OccurredAt):yyyy-MM-dd'T'HH:mm:ss}+08:00\"", System.Net.WebUtility.HtmlDecode(chinese), StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", chinese, StringComparison.Ordinal);
        // One language at a time: no English beside the Chinese.
        Assert.DoesNotContain("Audit log", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("审计日志", english, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Assessment_runs_are_listed_with_their_start_in_beijing_time(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var id = await ReliefData.AddRunAsync(factory, 202002, current: true, version: 1, ReliefData.Bill(RegistryData.NewUscc(), "small", "110105", "retail", 4, 3_000m, 3_000m));
        var started = await ReliefData.QueryAsync(factory, db => db.AssessmentRuns.Where(r => r.Id == id).Select(r => r.StartedAt).SingleAsync());
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var list = await officer.GetPageAsync("/Relief/Assessments");
        var run = await officer.GetPageAsync($"/Relief/Assessments/Run/{id}");

        Assert.Contains("开始时间（北京时间）", list, StringComparison.Ordinal);
        Assert.Contains($">{BeijingTime.Format(started)}</time>", list, StringComparison.Ordinal);
        Assert.Contains($">{BeijingTime.Format(started, seconds: true)}</time>", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_and_denied_pages_speak_one_language_at_a_time()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = SignedInClient.Anonymous(factory);

        var chinese = await client.GetPageAsync("/Account/SignIn");
        var english = await client.GetPageAsync("/Account/SignIn?culture=en");
        var denied = await client.GetPageAsync("/Account/Denied");

        Assert.Contains("<h1>登录</h1>", chinese, StringComparison.Ordinal);
        Assert.Contains(">用户名</label>", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("User name", chinese, StringComparison.Ordinal);
        Assert.Contains("<h1>Sign in</h1>", english, StringComparison.Ordinal);
        Assert.Contains(">User name</label>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("用户名", english, StringComparison.Ordinal);
        Assert.Contains("<h1>无权访问</h1>", denied, StringComparison.Ordinal);
        Assert.DoesNotContain("Access denied", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_without_a_user_name_is_refused_in_the_pages_language()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = SignedInClient.Anonymous(factory);

        var fields = new Dictionary<string, string> { ["Input.UserName"] = "", ["Input.Password"] = "x" };
        using var chineseResponse = await client.PostFormAsync("/Account/SignIn", "/Account/SignIn", fields);
        using var englishResponse = await client.PostFormAsync("/Account/SignIn?culture=en", "/Account/SignIn?culture=en", fields);
        var chinese = await chineseResponse.Content.ReadAsStringAsync();
        var english = await englishResponse.Content.ReadAsStringAsync();

        Assert.Contains("请输入用户名", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter your user name", chinese, StringComparison.Ordinal);
        Assert.Contains("Enter your user name", english, StringComparison.Ordinal);
        Assert.DoesNotContain("请输入用户名", english, StringComparison.Ordinal);
    }

    private static async Task<T> QueryAsync<T>(WenjiuFactory factory, Func<PlatformDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }
}
