using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Jobs;

/// <summary>The administrator's page of background jobs (/Admin/Jobs).</summary>
public sealed class JobsPageTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_jobs_page_lists_a_finished_job_with_its_progress_and_attempts(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings());
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<IJobQueue>().EnqueueAsync(ExpiredSignInSessions.Kind, null, "tester");
        }

        var run = await factory.WaitAsync(id, r => r.IsFinished);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator);

        var html = await admin.GetStringAsync(new Uri("/Admin/Jobs", UriKind.Relative));

        Assert.Equal(JobRunState.Succeeded, run.State);
        var row = html[html.IndexOf($"data-job-run=\"{id}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains(ExpiredSignInSessions.Kind, row, StringComparison.Ordinal);
        Assert.Contains("tester", row, StringComparison.Ordinal);
        Assert.Contains("0 / 0", row, StringComparison.Ordinal);
        Assert.Contains("1 / 1", row, StringComparison.Ordinal);
        Assert.Contains("<time", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, null, null, "—")]
    [InlineData(0L, 0L, null, "0 / 0")]
    [InlineData(1200L, 5000L, null, "1,200 / 5,000")]
    [InlineData(7L, null, "batch 2", "7 · batch 2")]
    public void A_jobs_progress_reads_as_counts_and_a_job_that_reported_none_shows_a_dash(long done, long? total, string? message, string shown)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal(shown, Wenjiu.Web.Pages.Admin.JobsModel.Progress(new JobRun { ProgressDone = done, ProgressTotal = total, ProgressMessage = message }));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_cancels_a_queued_job_from_the_jobs_page(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings(runScheduler: false));
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<IJobQueue>().EnqueueAsync(ExpiredSignInSessions.Kind, null, "tester");
        }

        using var admin = await SignIn.AsAsync(factory, Roles.Administrator);
        var page = await admin.GetStringAsync(new Uri("/Admin/Jobs", UriKind.Relative));
        using var response = await admin.PostAsync(
            new Uri($"/Admin/Jobs?handler=Cancel&id={id}&PageNumber=1", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page) }));

        var run = await factory.RunAsync(id);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((JobRunState.Cancelled, true), (run.State, run.CancellationRequested));
        Assert.False(string.IsNullOrEmpty(run.CancellationRequestedBy));
    }
}
