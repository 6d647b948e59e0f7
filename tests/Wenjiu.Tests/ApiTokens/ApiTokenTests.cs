using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.ApiTokens;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.ApiTokens;

/// <summary>Issue 8 §7: personal access tokens for machine clients on /api/v1 (ADR 0012).</summary>
public sealed class ApiTokenTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Tokens_create_prints_the_token_alone_on_the_last_line_and_an_enterprise_token_sees_only_its_employer(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await RegistryData.AddEmployerAsync(factory, "北京自家科技有限公司");
        var other = await RegistryData.AddEmployerAsync(factory, "北京别家科技有限公司");
        var user = await SignIn.CreateUserAsync(factory, Roles.Enterprise, own.Uscc);
        using var output = new StringWriter();

        var status = await TokensCommand.CreateAsync(factory.Services, user.UserName!, "bank-feed", "30d", output, output, CancellationToken.None);

        Assert.Equal(0, status);
        var token = LastLine(output.ToString());
        Assert.StartsWith(ApiTokenService.Prefix, token, StringComparison.Ordinal);
        Assert.DoesNotContain(' ', token);
        using var client = BearerClient(factory, token);
        using var ownEmployer = await client.GetAsync(new Uri($"/api/v1/employers/{own.Uscc}", UriKind.Relative));
        using var otherEmployer = await client.GetAsync(new Uri($"/api/v1/employers/{other.Uscc}", UriKind.Relative));
        using var search = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ownEmployer.StatusCode);
        Assert.Contains("北京自家科技有限公司", await ownEmployer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherEmployer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_staff_token_passes_the_second_factor_check_and_acts_with_the_users_roles(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await RegistryData.AddEmployerAsync(factory, "北京某某科技有限公司");
        var token = await CreateTokenAsync(factory, Roles.Reviewer);
        using var client = BearerClient(factory, token);

        using var search = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
        using var assessments = await client.GetAsync(new Uri("/api/v1/relief/assessments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, assessments.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_change_of_roles_takes_effect_at_the_tokens_next_request(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        var token = await CreateTokenAsync(factory, user, "client");
        using var client = BearerClient(factory, token);
        using var before = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
            var administration = scope.ServiceProvider.GetRequiredService<Wenjiu.Web.Security.AccountAdministration>();
            var stored = await users.FindByIdAsync(user.Id);
            Assert.Equal(Wenjiu.Web.Security.AccountChangeRefusal.None, await administration.ChangeRolesAsync(stored!, [Roles.JobSeeker], actingUserId: null, CancellationToken.None));
        }

        using var after = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_revoked_token_gets_401(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        var token = await CreateTokenAsync(factory, user, "bank-feed");
        using var client = BearerClient(factory, token);
        using (var before = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var output = new StringWriter();
        var status = await TokensCommand.RevokeAsync(factory.Services, user.UserName!, "bank-feed", output, output, CancellationToken.None);

        Assert.Equal(0, status);
        using var after = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("Bearer", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_expired_token_gets_401(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var token = await CreateTokenAsync(factory, Roles.Reviewer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var row = await db.ApiTokens.SingleAsync();
            row.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        }

        using var client = BearerClient(factory, token);
        using var response = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_disabled_users_token_gets_401(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        var token = await CreateTokenAsync(factory, user, "bank-feed");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
            var stored = (await users.FindByNameAsync(user.UserName!))!;
            stored.DisabledAt = DateTimeOffset.UtcNow;
            Assert.True((await users.UpdateAsync(stored)).Succeeded);
        }

        using var client = BearerClient(factory, token);
        using var response = await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_forged_or_unknown_token_gets_401(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var token = await CreateTokenAsync(factory, Roles.Reviewer);
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        using var withForged = BearerClient(factory, forged);
        using var withJunk = BearerClient(factory, "not-a-token");
        using var forgedAnswer = await withForged.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
        using var junkAnswer = await withJunk.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, junkAnswer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_use_of_a_token_is_audited_under_its_user(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        var token = await CreateTokenAsync(factory, user, "bank-feed");
        using var client = BearerClient(factory, token);

        (await client.GetAsync(new Uri("/api/v1/employers", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri("/api/v1/employers?q=x", UriKind.Relative))).Dispose();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var uses = await db.AuditEntries.Where(e => e.Action == ApiTokenService.UsedAction).ToListAsync();
        Assert.Equal(2, uses.Count);
        Assert.All(uses, e => Assert.Equal(user.UserName, e.Actor));
        Assert.All(uses, e => Assert.Contains("bank-feed: GET /api/v1/employers", e.Details, StringComparison.Ordinal));
        Assert.NotNull((await db.ApiTokens.SingleAsync()).LastUsedAt);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_rate_limit_answers_429_to_one_token_while_another_goes_on(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, new Dictionary<string, string?> { ["ApiTokens:RequestsPerMinute"] = "3" });
        var busy = await CreateTokenAsync(factory, Roles.Reviewer);
        var quiet = await CreateTokenAsync(factory, Roles.Reviewer);
        using var busyClient = BearerClient(factory, busy);
        using var quietClient = BearerClient(factory, quiet);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await busyClient.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
            answers.Add(response.StatusCode);
        }

        using var other = await quietClient.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_token_is_not_accepted_on_the_pages(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var token = await CreateTokenAsync(factory, Roles.Reviewer);
        using var client = BearerClient(factory, token);

        using var page = await client.GetAsync(new Uri("/Registry/Employers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/SignIn", Forms.Location(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_token_is_stored_only_as_its_hash(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var token = await CreateTokenAsync(factory, Roles.Reviewer);

        await using var scope = factory.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ApiTokens.SingleAsync();
        Assert.Equal(ApiTokenService.Hash(token), row.SecretHash);
        Assert.DoesNotContain(token[ApiTokenService.Prefix.Length..], row.SecretHash, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Tokens_create_refuses_a_label_the_user_already_has_live_and_an_unreadable_lifetime(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        await CreateTokenAsync(factory, user, "bank-feed");
        using var output = new StringWriter();

        var again = await TokensCommand.CreateAsync(factory.Services, user.UserName!, "bank-feed", null, output, output, CancellationToken.None);
        var unreadable = await TokensCommand.CreateAsync(factory.Services, user.UserName!, "other", "soon", output, output, CancellationToken.None);

        Assert.Equal(TokensCommand.Refused, again);
        Assert.Equal(TokensCommand.Unreadable, unreadable);
        Assert.Contains("already has a live token named bank-feed", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_cookie_post_without_antiforgery_is_still_refused_while_a_bearer_post_is_accepted(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await RegistryData.AddEmployerAsync(factory, "北京自家科技有限公司");
        using var cookie = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own.Uscc);
        var token = await CreateTokenAsync(factory, Roles.Enterprise, own.Uscc);
        using var bearer = BearerClient(factory, token);

        using var byCookie = await cookie.Http.PostAsync(new Uri("/api/v1/files", UriKind.Relative), Pdf());
        using var byBearer = await bearer.PostAsync(new Uri("/api/v1/files", UriKind.Relative), Pdf());

        Assert.Equal(HttpStatusCode.BadRequest, byCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byBearer.StatusCode);
    }

    [Fact]
    public async Task The_api_description_has_a_bearer_scheme_and_says_how_to_authenticate()
    {
        // The document is made from the endpoints alone; no table is read.
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        var json = await client.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));

        using var document = System.Text.Json.JsonDocument.Parse(json);
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains("Authorization: Bearer", document.RootElement.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(document.RootElement.GetProperty("security")[0].TryGetProperty("bearer", out _));
    }

    private static MultipartFormDataContent Pdf()
    {
        var file = new ByteArrayContent("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "evidence.pdf" } };
    }

    internal static HttpClient BearerClient(WenjiuFactory factory, string token)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal static async Task<string> CreateTokenAsync(WenjiuFactory factory, string role, string? employerUscc = null) =>
        await CreateTokenAsync(factory, await SignIn.CreateUserAsync(factory, role, employerUscc), "client");

    internal static async Task<string> CreateTokenAsync(WenjiuFactory factory, WenjiuUser user, string name)
    {
        using var output = new StringWriter();
        var status = await TokensCommand.CreateAsync(factory.Services, user.UserName!, name, null, output, output, CancellationToken.None);
        Assert.True(status == 0, output.ToString());
        return LastLine(output.ToString());
    }

    private static string LastLine(string output) => output.TrimEnd('\r', '\n').Split('\n')[^1].TrimEnd('\r');
}
