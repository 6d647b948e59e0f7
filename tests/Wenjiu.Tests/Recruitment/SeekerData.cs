using System.Net.Http.Json;
using System.Text.Json;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Recruitment;

/// <summary>Seekers and their applications arranged through the API, as a seeker's or an employer's client would.</summary>
internal static class SeekerData
{
    public static object Profile(string name = "李明", string phone = "13812345678", string kind = "graduate") => new
    {
        name,
        phone,
        kind,
        district = RecruitmentData.Haidian,
        education = "bachelor",
        school = "北京工业大学",
        major = "软件工程",
        graduation_year = 2020,
        skills = Array.Empty<string>(),
        wanted_occupations = new[] { "software_engineer" },
        pay_min = 8000m,
    };

    public static async Task<HttpResponseMessage> SendAsync(SignedInClient client, HttpMethod method, string path, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.Http.SendAsync(request);
    }

    /// <summary>A job seeker's client, registered (its own profile) with a new identity number; answers the client and the seeker's id.</summary>
    public static async Task<(SignedInClient Client, long SeekerId)> RegisteredSeekerAsync(WenjiuFactory factory, string name = "李明")
    {
        var client = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        var body = JsonSerializer.SerializeToElement(Profile(name));
        var withNumber = JsonSerializer.Deserialize<Dictionary<string, object>>(body.GetRawText())!;
        withNumber["id_number"] = RegistryData.NewIdNumber();
        using var response = await SendAsync(client, HttpMethod.Post, "/api/v1/seekers/me", withNumber, Guid.NewGuid().ToString());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (client, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
