using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Data;
using Wenjiu.Reviews.Domain;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Reviews;

/// <summary>What the review tests arrange: an enterprise applying through its portal, reviewers acting through the task page.</summary>
internal static class ReviewData
{
    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    /// <summary>
    /// Four eyes only where a test asks for them: no draw, and a threshold no deferral reaches. No background dispatcher:
    /// a test delivers the outbox itself (<c>DispatchAsync</c>), so a message is never leased away from it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> OneReviewer = Settings(("Reviews:FourEyesShare", "0"));

    public static IReadOnlyDictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.Append((Key: "Events:Dispatch", Value: "false")).ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.Ordinal);

    /// <summary>Posts the deferral application form as a browser does (antiforgery token and idempotency key from the page); the response unfollowed.</summary>
    public static async Task<HttpResponseMessage> ApplyAsync(SignedInClient enterprise, string first, string last, string reason = "受疫情影响，2020年2月起停业，无营业收入", string? key = null, byte[]? file = null)
    {
        var html = await enterprise.GetPageAsync("/Reviews/Mine/Deferral");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(first), "FirstMonth" },
            { new StringContent(last), "LastMonth" },
            { new StringContent(reason), "Reason" },
            { new StringContent(key ?? SignedInClient.HiddenValue(html, "IdempotencyKey")), "IdempotencyKey" },
            { new StringContent(SignedInClient.AntiforgeryToken(html)), "__RequestVerificationToken" },
        };
        var bytes = new ByteArrayContent(file ?? Pdf);
        content.Add(bytes, "Evidence", "停业证明.pdf");
        return await enterprise.Http.PostAsync(new Uri("/Reviews/Mine/Deferral", UriKind.Relative), content);
    }

    /// <summary>Applies and returns the new task's id (read from where the page sends the applicant).</summary>
    public static async Task<long> AppliedTaskAsync(SignedInClient enterprise, string first = "2020-03", string last = "2020-05")
    {
        using var response = await ApplyAsync(enterprise, first, last);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response);
        Assert.StartsWith("/Reviews/Mine/Requests/", location, StringComparison.Ordinal);
        return long.Parse(location["/Reviews/Mine/Requests/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Posts one of the task page's forms with the version the page shows (or <paramref name="version"/>, to post a stale one).</summary>
    public static async Task<HttpResponseMessage> ActAsync(SignedInClient reviewer, long task, string handler, IEnumerable<KeyValuePair<string, string>>? fields = null, int? version = null)
    {
        var page = $"/Reviews/Tasks/Detail/{task}";
        var html = await reviewer.GetPageAsync(page);
        var values = (fields ?? []).Append(new("Version", (version ?? int.Parse(SignedInClient.HiddenValue(html, "Version"), CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)))
            .Append(new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(html)));
        using var content = new FormUrlEncodedContent(values);
        return await reviewer.Http.PostAsync(new Uri($"{page}?handler={handler}", UriKind.Relative), content);
    }

    public static async Task<ReviewTask> TaskAsync(WenjiuFactory factory, long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewsDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    public static async Task<T> ReviewsAsync<T>(WenjiuFactory factory, Func<ReviewsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>());
    }

    /// <summary>How many outbox messages of a type there are (events published, whether delivered or not).</summary>
    public static async Task<int> PublishedAsync(WenjiuFactory factory, string type)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.CountAsync(m => m.Type == type);
    }

    public static async Task<List<string>> NotificationKindsAsync(WenjiuFactory factory, string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.Notifications.Where(n => n.UserId == id).OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync();
    }

    /// <summary>Opens a task as another module would (the payments module's refunds), through the contract.</summary>
    public static async Task<long> OpenAsync(WenjiuFactory factory, string? uscc, decimal? amount, DateTimeOffset? due = null, string subject = "1", IReadOnlyList<ReviewReason>? reasons = null, string group = "refunds")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IReviewRequests>().OpenAsync(
            new ReviewRequest("tests.refund", subject, uscc, $"退款 {subject}", $"Refund {subject}", amount, due ?? DateTimeOffset.UtcNow.AddDays(10), group, 10,
                reasons ?? [new ReviewReason("refund.arrears", "存在欠费", "Contributions in arrears")], null),
            "tester");
    }

    public static Task<SignedInClient> ReviewerAsync(WenjiuFactory factory, string? name = null) => SignedInClient.CreateAsync(factory, Roles.Reviewer, userName: name);
}
