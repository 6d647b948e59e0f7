using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Wenjiu.Platform.Web;

/// <summary>
/// A link one module offers on another module's record page, e.g. the relief statements on the registry's employer
/// page. Modules never reference each other (STYLE.md), so the page that shows a record asks for the links of its kind
/// and the modules that have something to say about such a record register them, as they do navigation entries.
/// </summary>
/// <param name="RecordKind">The kind of record the link belongs on, named by the module that owns the record (its contract).</param>
/// <param name="Id">Stable element id, e.g. <c>employer-statements</c>.</param>
/// <param name="TextResource">The offering module's resource class holding <paramref name="TextKey"/> in every language.</param>
/// <param name="Order">Position among the record's links, lower first.</param>
/// <param name="Href">The link for this user and record key, or null when this user has none there.</param>
public sealed record RecordLink(string RecordKind, string Id, Type TextResource, string TextKey, int Order, Func<ClaimsPrincipal, string, string?> Href);

/// <summary>The links offered on one record, as one user sees them in the current language.</summary>
public sealed class RecordLinks(IEnumerable<RecordLink> links, IStringLocalizerFactory localizers)
{
    private readonly IReadOnlyList<RecordLink> links = links.OrderBy(l => l.Order).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<NavigationItem> For(string recordKind, string key, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return [];
        }

        var items = new List<NavigationItem>();
        foreach (var link in links.Where(l => l.RecordKind == recordKind))
        {
            if (link.Href(user, key) is { } href)
            {
                items.Add(new NavigationItem(link.Id, localizers.Create(link.TextResource)[link.TextKey], href));
            }
        }

        return items;
    }
}

public static class RecordLinkServices
{
    /// <summary>Adds links a module offers on other records (none: only makes <see cref="RecordLinks"/> available to a record's page).</summary>
    public static IServiceCollection AddRecordLinks(this IServiceCollection services, params RecordLink[] links)
    {
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
        {
            services.AddSingleton(link);
        }

        services.AddLocalization();
        services.TryAddSingleton<RecordLinks>();
        return services;
    }
}
