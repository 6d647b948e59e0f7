using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Features.Payouts;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Payments.PaymentData;

namespace Wenjiu.Tests.Payments;

/// <summary>Payments that are never made twice (issue 9 §7): one payment per approved request, one batch per payment.</summary>
public sealed class PayoutTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Approving_the_same_request_again_returns_the_one_payment(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var order = Order(NewUscc(), 2880m);

        var first = await ApproveAsync(factory, order);
        var again = await ApproveAsync(factory, order with { Amount = 9999m });

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2880m, again.Amount);
        Assert.Equal(1, await CountAsync(factory, db => db.Payments.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_approvals_of_one_request_on_PostgreSQL_make_one_payment()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        var order = Order(NewUscc(), 1440m);

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => (await ApproveAsync(factory, order)).Id)));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await CountAsync(factory, db => db.Payments.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_export_writes_every_approved_payment_once_and_again_writes_nothing_new(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var payments = await ApprovedAsync(factory, 3);
        var file = Path.Combine(factory.DataDirectory, "batch.csv");
        var again = Path.Combine(factory.DataDirectory, "again.csv");

        var first = await RunAsync(factory, file, null);
        var second = await RunAsync(factory, again, null);

        Assert.Equal(0, first.Exit);
        var lines = (await File.ReadAllTextAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PayoutExport.Header, lines[0]);
        Assert.Equal(payments.Select(p => p.Reference).Order(), lines[1..].Select(l => l.Split(',')[0]).Order());
        Assert.Contains($"{payments[0].Reference},{payments[0].PayeeUscc},测试单位,6222020200112345678,1000.50,2019年度失业保险稳岗返还", lines);
        Assert.Equal(0, second.Exit);
        Assert.Contains("Nothing new", second.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(again));
        Assert.Equal(3, await CountAsync(factory, db => db.Payments.CountAsync(p => p.BatchNumber == 1)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Batch_N_is_written_again_byte_for_byte_after_more_payments_and_a_reversal(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var payments = await ApprovedAsync(factory, 2);
        var file = Path.Combine(factory.DataDirectory, "batch1.csv");
        var copy = Path.Combine(factory.DataDirectory, "batch1-again.csv");
        await RunAsync(factory, file, null);
        await ApprovedAsync(factory, 1);
        await ExportAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<PaymentOrders>().ReverseAsync(payments[0].Reference, "退票", "tester"));
        }

        var reprint = await RunAsync(factory, copy, 1);

        Assert.Equal(0, reprint.Exit);
        Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(copy));
    }

    [Fact]
    public async Task Two_exports_at_once_on_PostgreSQL_never_put_a_payment_in_two_batches()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        var payments = await ApprovedAsync(factory, 12);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ExportAsync(factory))));

        var written = results.Where(r => r.Batch is not null).SelectMany(r => Encoding.UTF8.GetString(r.Batch!.Content)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0])).ToList();
        Assert.Equal(payments.Select(p => p.Reference).Order(), written.Order());
        Assert.Single(results, r => r.Batch is not null);
        Assert.Equal(12, await CountAsync(factory, db => db.Payments.CountAsync(p => p.BatchNumber == 1)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_crash_after_the_claim_leaves_nothing_half_exported(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ApprovedAsync(factory, 3);

        await Assert.ThrowsAsync<IOException>(() => ExportAsync(factory, _ => throw new IOException("the process died here")));

        Assert.Equal(0, await CountAsync(factory, db => db.Payments.CountAsync(p => p.BatchNumber != null)));
        Assert.Equal(0, await CountAsync(factory, db => db.Batches.CountAsync()));
        var retry = await ExportAsync(factory);
        Assert.Equal(1, retry.Batch!.Number);
        Assert.Equal(3, retry.Batch.Payments);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_payment_without_an_account_waits_and_joins_the_next_batch_once_one_is_recorded(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var uscc = NewUscc();
        await ApproveAsync(factory, Order(uscc, 500m));

        var before = await ExportAsync(factory);
        await AccountAsync(factory, uscc);
        var after = await ExportAsync(factory);

        Assert.Null(before.Batch);
        Assert.Equal(1, before.WaitingForAccount);
        Assert.Equal(1, after.Batch!.Payments);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_see_accounts_masked_and_an_administrator_downloads_the_batch_with_them_in_clear(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var payment = (await ApprovedAsync(factory, 1))[0];
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var export = await admin.PostFormAsync("/Payments/Payouts", "/Payments/Payouts", []);
        var page = await admin.GetPageAsync("/Payments/Payouts");
        using var download = await admin.GetAsync("/Payments/Payouts/Batch/1");
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        var reviewerPage = await reviewer.GetPageAsync("/Payments/Payouts");
        using var reviewerDownload = await reviewer.GetAsync("/Payments/Payouts/Batch/1");

        Assert.Contains("****5678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("6222020200112345678", page, StringComparison.Ordinal);
        Assert.Contains(payment.Reference, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("6222020200112345678", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(payment.Reference, reviewerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/Payments/Payouts/Batch/1", reviewerPage, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, reviewerDownload.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_API_export_with_the_same_idempotency_key_returns_the_same_batch(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ApprovedAsync(factory, 2);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var first = await PostBatchAsync(admin, "key-1");
        await ApprovedAsync(factory, 1);
        using var retry = await PostBatchAsync(admin, "key-1");
        using var next = await PostBatchAsync(admin, "key-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("\"number\":1", await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Contains("\"number\":2", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostBatchAsync(SignedInClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/payments/batches", UriKind.Relative));
        request.Headers.Add("Idempotency-Key", key);
        return await client.Http.SendAsync(request);
    }

    private static async Task<(int Exit, string Output)> RunAsync(WenjiuFactory factory, string file, int? batch)
    {
        using var output = new StringWriter();
        var exit = await PayoutsCommand.ExportAsync(factory.Services, new FileInfo(file), batch, output, CancellationToken.None);
        return (exit, output.ToString());
    }

    private static async Task<T> CountAsync<T>(WenjiuFactory factory, Func<PaymentsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>());
    }
}
