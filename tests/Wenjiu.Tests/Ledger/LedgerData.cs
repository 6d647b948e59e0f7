using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Ledger.Data;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Ledger;

/// <summary>Arranges the ledger through its API as its users would: a registered employer designated, specialists set, lines opened.</summary>
internal static class LedgerData
{
    /// <summary>A registered employer designated as a key enterprise of <paramref name="category"/> by a policy officer.</summary>
    public static async Task<string> KeyEnterpriseAsync(WenjiuFactory factory, string category = "epidemic_prevention", string name = "北京口罩厂")
    {
        var employer = await RegistryData.AddEmployerAsync(factory, name);
        using var policy = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        using var response = await PostJsonAsync(policy, "/api/v1/ledger/designations", $$"""{ "uscc": "{{employer.Uscc}}", "category": "{{category}}" }""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return employer.Uscc;
    }

    public static async Task SpecialistAsync(WenjiuFactory factory, string userName, int capacity, params string[] districts)
    {
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var list = string.Join(",", districts.Select(d => $"\"{d}\""));
        using var response = await PostJsonAsync(admin, "/api/v1/ledger/specialists", $$"""{ "user_name": "{{userName}}", "districts": [{{list}}], "capacity": {{capacity}} }""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static string LineJson(string district = "110105", int headcount = 10, string startOn = "2020-02-20", string? uscc = null, decimal payMin = 5000, decimal payMax = 8000) => $$"""
        { {{(uscc is null ? "" : $"\"uscc\": \"{uscc}\",")}} "occupation": "nurse", "headcount": {{headcount}}, "must_have_skills": ["nurse_licence"], "nice_to_have_skills": ["first_aid"],
          "district": "{{district}}", "site": "朝阳区某路 1 号", "pay_min": {{payMin}}, "pay_max": {{payMax}}, "start_on": "{{startOn}}", "shifts": "两班倒" }
        """;

    /// <summary>Opens a line as <paramref name="client"/> and answers its JSON.</summary>
    public static async Task<JsonElement> OpenLineAsync(SignedInClient client, string json, string? key = null)
    {
        using var response = await PostJsonAsync(client, "/api/v1/ledger/lines", json, key ?? Guid.NewGuid().ToString("N"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(SignedInClient client, string path, string json, string? idempotencyKey = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement> GetJsonAsync(SignedInClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return await JsonAsync(response);
    }

    public static async Task<T> QueryAsync<T>(WenjiuFactory factory, Func<LedgerDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LedgerDbContext>());
    }

    public static async Task ChangeAsync(WenjiuFactory factory, Func<LedgerDbContext, Task> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        await change(db);
        await db.SaveChangesAsync();
    }

    /// <summary>Publishes another module's event through the outbox as that module would (recruitment is built elsewhere).</summary>
    public static async Task PublishAsync<TEvent>(WenjiuFactory factory, TEvent message)
        where TEvent : IDomainEvent
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Publish(message, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    public static Task<int> EventsAsync(WenjiuFactory factory, string type) =>
        QueryAsync(factory, db => db.Set<OutboxMessage>().CountAsync(m => m.Type == type));
}
