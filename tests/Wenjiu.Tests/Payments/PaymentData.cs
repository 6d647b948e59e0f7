using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Payouts;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Payments;

/// <summary>Arranges payments the way approvals make them: through the module's own <see cref="PaymentOrders"/>.</summary>
internal static class PaymentData
{
    private static int next;

    public static string NewUscc() => Registry.RegistryData.NewUscc();

    public static PaymentOrder Order(string uscc, decimal amount, string? source = null)
    {
        var id = source ?? Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture);
        return new PaymentOrder("test.request", id, $"TEST-{id}-{uscc[^6..]}", uscc, "测试单位", amount, "refund", "2019年度失业保险稳岗返还", "2019 stable-job refund");
    }

    public static async Task AccountAsync(WenjiuFactory factory, string uscc, string account = "6222020200112345678")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PaymentOrders>().RecordAccountAsync(
            uscc, "测试单位", account, "tester", scope.ServiceProvider.GetRequiredService<PersonalDataProtector>());
    }

    public static async Task<Payment> ApproveAsync(WenjiuFactory factory, PaymentOrder order)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PaymentOrders>().ApproveAsync(order, "tester")).Payment;
    }

    /// <summary>Payees with an account on file and one approved payment each.</summary>
    public static async Task<List<Payment>> ApprovedAsync(WenjiuFactory factory, int count)
    {
        var payments = new List<Payment>();
        for (var i = 0; i < count; i++)
        {
            var uscc = NewUscc();
            await AccountAsync(factory, uscc);
            payments.Add(await ApproveAsync(factory, Order(uscc, 1000m + i + 0.5m)));
        }

        return payments;
    }

    public static async Task<PayoutExportResult> ExportAsync(WenjiuFactory factory, Func<CancellationToken, Task>? afterClaim = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<PayoutExport>();
        export.AfterClaim = afterClaim;
        return await export.ExportAsync("tester");
    }
}
