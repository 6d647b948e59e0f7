using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Tests.Events;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Relief;
using static Wenjiu.Tests.Reviews.ReviewData;

namespace Wenjiu.Tests.Reviews;

/// <summary>Size-class objections (issue 9 §4): within the window, with evidence; upheld, the class changes for the policy period and relief assesses again.</summary>
public sealed class SizeObjectionTests
{
    private static readonly IReadOnlyDictionary<string, string?> WindowOpen = Settings(("Reviews:FourEyesShare", "0"), ("Reviews:ObjectionsOpen", "2020-03-09"), ("Reviews:ObjectionsClose", "2099-12-31"));

    private static async Task<HttpResponseMessage> ObjectAsync(SignedInClient enterprise, string claimed)
    {
        var html = await enterprise.GetPageAsync("/Reviews/Mine/Objection");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(claimed), "Claimed" },
            { new StringContent("2020年3月9日时从业人员仅280人，营业收入不足2亿元"), "Reason" },
            { new StringContent(SignedInClient.HiddenValue(html, "IdempotencyKey")), "IdempotencyKey" },
            { new StringContent(SignedInClient.AntiforgeryToken(html)), "__RequestVerificationToken" },
        };
        content.Add(new ByteArrayContent(Pdf), "Evidence", "财务报表.pdf");
        return await enterprise.Http.PostAsync(new Uri("/Reviews/Mine/Objection", UriKind.Relative), content);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_upheld_objection_reclassifies_the_employer_queues_each_assessed_month_again_and_the_statement_says_why(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, WindowOpen);
        var registry = await SmallRegistry.ArrangeAsync(factory);
        await SmallRegistry.AssessAsync(factory, SmallRegistry.February);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.B);
        using var reviewer = await ReviewerAsync(factory);

        using var objected = await ObjectAsync(enterprise, nameof(SizeClass.Medium));
        var task = long.Parse(Forms.Location(objected)["/Reviews/Mine/Requests/".Length..], CultureInfo.InvariantCulture);
        using var upheld = await ActAsync(reviewer, task, "Approve");
        await factory.DispatchAsync();
        await factory.DispatchAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var policy = await scope.ServiceProvider.GetRequiredService<IPolicySizeClasses>().FindAsync(registry.B);
            Assert.Equal((SizeClass.Large, SizeClass.Medium), (policy!.Published, policy.Current));
            var queued = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().JobRuns.AsNoTracking()
                .Where(r => r.Kind == "relief.assessment").Select(r => r.Parameters).ToListAsync();
            Assert.Contains(queued, p => p.Contains("2020-02", StringComparison.Ordinal));
        }

        var again = await SmallRegistry.AssessAsync(factory, SmallRegistry.February);
        var bill = (await SmallRegistry.RowsAsync(factory, again.RunId)).Single(r => r.Uscc == registry.B);
        Assert.Equal("sme", bill.Category);
        var statement = await enterprise.GetPageAsync($"/Relief/Statements/{registry.B}");
        Assert.Contains("id=\"size-reclassified\"", statement, StringComparison.Ordinal);
        Assert.Contains($"R{task}", statement, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_objection_outside_the_window_is_refused(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.B);

        using var response = await ObjectAsync(enterprise, nameof(SizeClass.Medium));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2020-04-08", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await ReviewsAsync(factory, db => db.SizeObjections.CountAsync()));
    }
}
