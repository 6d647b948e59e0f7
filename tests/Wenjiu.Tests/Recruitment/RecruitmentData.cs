using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Events;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Postings;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Recruitment;

/// <summary>Postings written as the module's own use case writes them, and the search asked through HTTP.</summary>
internal static class RecruitmentData
{
    public const string Chaoyang = "110105";
    public const string Haidian = "110108";

    /// <summary>No background event dispatcher: the test delivers the ledger's events itself.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoDispatch = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Events:Dispatch"] = "false" };

    public static async Task<long> PostAsync(
        WenjiuFactory factory, string titleZh, string titleEn, string occupation, string district = Chaoyang, decimal payMin = 6000m, decimal payMax = 9000m,
        bool keyEnterprise = false, string uscc = "91110105MA00000001", string employer = "测试单位")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var postings = scope.ServiceProvider.GetRequiredService<Postings>();
        var draft = new PostingDraft(titleZh, titleEn, occupation, district, payMin, payMax, Education.SeniorMiddle, []);
        Assert.Empty(Postings.Validate(draft));
        return (await postings.PublishAsync(uscc, employer, draft, "test", keyEnterprise, CancellationToken.None)).Id;
    }

    public static async Task<T> RecruitmentAsync<T>(WenjiuFactory factory, Func<RecruitmentDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RecruitmentDbContext>());
    }

    public static async Task PublishLineAsync(WenjiuFactory factory, DemandLine line)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Publish(new DemandLineChanged(line), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchAllDueAsync();
    }

    public static DemandLine Line(long id, DemandLineStatus status) => new(
        id, "91110105MA00000009", "北京防疫物资有限公司", KeyEnterpriseCategory.EpidemicPrevention, "mask_machine_operator", "口罩生产线操作工", "Mask line operator",
        40, 0, ["mask_machine"], ["gmp"], Haidian, "海淀区上地", 6000m, 9000m, new DateOnly(2020, 2, 10), "两班倒", status, 120m, null, DateTimeOffset.UtcNow);

    public static async Task<JsonElement> SearchAsync(SignedInClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/jobs?" + query);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static long[] Ids(JsonElement results) => [.. results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    /// <summary>Asks the search until <paramref name="done"/> holds (the node's tail reads the change sequence every second); at most 15 seconds.</summary>
    public static async Task<JsonElement> SearchUntilAsync(SignedInClient client, string query, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var results = await SearchAsync(client, query);
            if (done(results) || DateTime.UtcNow > until)
            {
                return results;
            }

            await Task.Delay(200);
        }
    }
}
