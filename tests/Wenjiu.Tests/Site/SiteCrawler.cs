using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Site;

/// <summary>One answer of the crawl: where, as whom, what came back, and the exception behind a 5xx when there was one.</summary>
internal sealed record CrawlVisit(string Who, string Url, int Status, string? Location, string? Exception, TimeSpan Took)
{
    public override string ToString() =>
        $"{Who} GET {Url} → {Status}{(Location is null ? "" : $" → {Location}")}{(Exception is null ? "" : $"\n      {Exception}")}";
}

/// <summary>
/// Visits a site as one signed-in user, breadth-first: the seeds first, then every <c>&lt;a href&gt;</c> within the site
/// found on the pages it reaches, every redirect within the site, and every GET form submitted twice (as rendered, and
/// with its fields filled). Bounded: at most <see cref="MaxPerPath"/> addresses per path (paging links and filters
/// otherwise go on for ever) and <see cref="MaxVisits"/> in all. Never follows sign-out; POST forms are never sent, so
/// a crawl changes nothing (a GET must not, anyway).
/// </summary>
internal sealed partial class SiteCrawler : IDisposable
{
    public const int MaxPerPath = 6;
    public const int MaxVisits = 400;

    /// <summary>Paths the crawler never requests: signing out would end the crawl's own session.</summary>
    private static readonly string[] Excluded = ["/Account/SignOut"];

    private static readonly Uri Site = new("http://localhost");
    /// <summary>The exceptions behind 5xx answers, by crawl (its request header) and address.</summary>
    private readonly ConcurrentDictionary<(string Crawl, string Url), string> exceptions = new();
    private readonly IDisposable subscription;

    public SiteCrawler() => subscription = DiagnosticListener.AllListeners.Subscribe(new ListenerObserver(this));

    /// <summary>Sample values for the fields of GET forms, by the field's name (case-insensitive, last dot-part).</summary>
    public Dictionary<string, string> Samples { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<CrawlVisit>> CrawlAsync(string who, HttpClient client, IEnumerable<string> seeds)
    {
        ArgumentNullException.ThrowIfNull(client);
        var crawlId = Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Remove(CrawlHeader);
        client.DefaultRequestHeaders.Add(CrawlHeader, crawlId);
        var queue = new Queue<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perPath = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var visits = new List<CrawlVisit>();

        void Enqueue(string url)
        {
            var path = url.Split('?', 2)[0];
            if (Excluded.Any(e => path.StartsWith(e, StringComparison.OrdinalIgnoreCase)) || !seen.Add(url))
            {
                return;
            }

            perPath[path] = perPath.GetValueOrDefault(path) + 1;
            if (perPath[path] <= MaxPerPath)
            {
                queue.Enqueue(url);
            }
        }

        foreach (var seed in seeds)
        {
            Enqueue(seed);
        }

        while (queue.Count > 0 && visits.Count < MaxVisits)
        {
            var url = queue.Dequeue();
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var status = (int)response.StatusCode;
            var location = response.Headers.Location is { } l ? Local(url, l.OriginalString) : null;
            exceptions.TryRemove((crawlId, url), out var exception);
            if (status >= 500 && exception is null && exceptions.Keys.FirstOrDefault(k => k.Crawl == crawlId) is { Crawl: not null } key)
            {
                // Written differently (escaping) from the address asked for: any exception of this crawl not yet reported.
                exceptions.TryRemove(key, out exception);
            }

            visits.Add(new CrawlVisit(who, url, status, location, exception, clock.Elapsed));
            if (location is not null)
            {
                Enqueue(location);
            }

            if (status == 200 && response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync();
                foreach (var link in Links(url, html))
                {
                    Enqueue(link);
                }
            }
        }

        return visits;
    }

    public void Dispose() => subscription.Dispose();

    private const string CrawlHeader = "X-Wenjiu-Crawl";

    private IEnumerable<string> Links(string from, string html)
    {
        foreach (Match anchor in AnchorPattern().Matches(html))
        {
            if (Local(from, WebUtility.HtmlDecode(anchor.Groups[1].Value)) is { } url)
            {
                yield return url;
            }
        }

        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = Attributes(form.Groups[1].Value);
            if (!string.Equals(attributes.GetValueOrDefault("method", "get"), "get", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var action = Local(from, attributes.GetValueOrDefault("action") is { Length: > 0 } a ? a : from.Split('?', 2)[0]);
            if (action is null)
            {
                continue;
            }

            foreach (var filled in new[] { false, true })
            {
                var query = QueryString.Create(Fields(form.Groups[2].Value, filled));
                yield return action.Split('?', 2)[0] + query.ToUriComponent();
            }
        }
    }

    /// <summary>A form's fields as a browser would send them; filled: text fields get samples, selects their last choice.</summary>
    private List<KeyValuePair<string, string?>> Fields(string body, bool filled)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        foreach (Match input in InputPattern().Matches(body))
        {
            var a = Attributes(input.Groups[1].Value);
            if (a.GetValueOrDefault("name") is not { Length: > 0 } name)
            {
                continue;
            }

            var type = a.GetValueOrDefault("type", "text").ToLowerInvariant();
            var value = a.GetValueOrDefault("value", "");
            switch (type)
            {
                case "submit" or "button" or "reset" or "image" or "file":
                    continue;
                case "checkbox" or "radio":
                    if (a.ContainsKey("checked") || (filled && (type == "checkbox" || !fields.Any(f => f.Key == name))))
                    {
                        fields.Add(new(name, a.ContainsKey("value") ? value : "on"));
                    }

                    continue;
                case "hidden":
                    fields.Add(new(name, value));
                    continue;
                default:
                    fields.Add(new(name, filled ? Sample(name, type, value) : value));
                    continue;
            }
        }

        foreach (Match select in SelectPattern().Matches(body))
        {
            var a = Attributes(select.Groups[1].Value);
            if (a.GetValueOrDefault("name") is not { Length: > 0 } name)
            {
                continue;
            }

            var options = OptionPattern().Matches(select.Groups[2].Value).Select(o => Attributes(o.Groups[1].Value)).ToList();
            var chosen = filled
                ? options.LastOrDefault(o => o.GetValueOrDefault("value") is { Length: > 0 })
                : options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault();
            if (chosen is not null)
            {
                fields.Add(new(name, chosen.GetValueOrDefault("value", "")));
            }
        }

        return fields;
    }

    private string Sample(string name, string type, string value)
    {
        if (type == "date")
        {
            return "2020-02-01";
        }

        return Samples.TryGetValue(name.Split('.')[^1], out var sample) ? sample
            : type == "number" ? "2"
            : value.Length > 0 ? value : "1";
    }

    /// <summary>The path and query of <paramref name="href"/> resolved against <paramref name="from"/>, or null when it leaves the site.</summary>
    private static string? Local(string from, string href)
    {
        if (href.Length == 0 || href.StartsWith('#') || !Uri.TryCreate(new Uri(Site, from), href, out var uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp && uri.Authority == Site.Authority ? uri.PathAndQuery : null;
    }

    private static Dictionary<string, string> Attributes(string tag)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in AttributePattern().Matches(tag))
        {
            attributes[attribute.Groups[1].Value] = WebUtility.HtmlDecode(attribute.Groups[3].Success ? attribute.Groups[3].Value : "");
        }

        return attributes;
    }

    [GeneratedRegex("""<a\b[^>]*?\bhref="([^"]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorPattern();

    [GeneratedRegex("""<form\b([^>]*)>(.*?)</form>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input\b([^>]*)>""", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex("""<select\b([^>]*)>(.*?)</select>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("""<option\b([^>]*)>""", RegexOptions.IgnoreCase)]
    private static partial Regex OptionPattern();

    [GeneratedRegex("""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(\s*=\s*"([^"]*)")?""")]
    private static partial Regex AttributePattern();

    /// <summary>
    /// Hears the exceptions the host's exception handler catches (ASP.NET Core's diagnostic events) for this crawl's
    /// requests only (its header), so a failing address is reported with its exception, not only its 500.
    /// </summary>
    private sealed class ListenerObserver(SiteCrawler crawler) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.AspNetCore")
            {
                value.Subscribe(this, name => name is "Microsoft.AspNetCore.Diagnostics.HandledException" or "Microsoft.AspNetCore.Diagnostics.UnhandledException" or "Microsoft.AspNetCore.Hosting.UnhandledException");
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            var payload = value.Value;
            if (payload?.GetType().GetProperty("httpContext")?.GetValue(payload) is not HttpContext context
                || payload.GetType().GetProperty("exception")?.GetValue(payload) is not Exception exception
                || context.Request.Headers[CrawlHeader].ToString() is not { Length: > 0 } crawlId)
            {
                return;
            }

            // The exception handler has moved the request to /Error by now; its feature keeps where it was.
            var path = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.ToString();
            var frame = exception.StackTrace?.Split('\n').FirstOrDefault(f => f.Contains("Wenjiu", StringComparison.Ordinal))?.Trim();
            crawler.exceptions[(crawlId, new PathString(path) + context.Request.QueryString)] = $"{exception.GetType().Name}: {exception.Message} {frame}";
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
