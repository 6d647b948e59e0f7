using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Wenjiu.Platform.Web;

/// <summary>
/// One entry of the site's navigation. Each module lists its entries once, in its <c>AddX()</c>, with the roles that
/// may follow them; the layout shows a user only the entries it can use, so there are no dead links.
/// </summary>
/// <param name="Id">Stable element id (for tests and browser journeys), e.g. <c>nav-registry-employers</c>.</param>
/// <param name="TextResource">The module's resource class holding <paramref name="TextKey"/> in every language.</param>
/// <param name="Order">Position in the bar, lower first; modules use their own hundred (registry 100-199, …).</param>
/// <param name="Roles">Roles that see the entry; empty means every signed-in user.</param>
/// <param name="Href">The link for this user, or null when it has none (e.g. an enterprise user without an employer).</param>
public sealed record NavigationLink(string Id, Type TextResource, string TextKey, int Order, IReadOnlyList<string> Roles, Func<ClaimsPrincipal, string?> Href)
{
    public static NavigationLink To(string id, Type textResource, string textKey, int order, string path, params string[] roles) =>
        new(id, textResource, textKey, order, roles, _ => path);
}

/// <summary>A navigation entry resolved for the current user and language.</summary>
/// <param name="Description">What the entry is for, one sentence (the home page's cards), from the resource
/// <c>TextKey + ".Hint"</c>; null when the module has none.</param>
public sealed record NavigationItem(string Id, string Text, string Href, string? Description = null);

/// <summary>The navigation as one user sees it.</summary>
public sealed class NavigationMenu(IEnumerable<NavigationLink> links, IStringLocalizerFactory localizers)
{
    private readonly IReadOnlyList<NavigationLink> links = links.OrderBy(l => l.Order).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<NavigationItem> For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return [];
        }

        var items = new List<NavigationItem>();
        foreach (var link in links)
        {
            if ((link.Roles.Count == 0 || link.Roles.Any(user.IsInRole)) && link.Href(user) is { } href)
            {
                var texts = localizers.Create(link.TextResource);
                var hint = texts[link.TextKey + ".Hint"];
                items.Add(new NavigationItem(link.Id, texts[link.TextKey], href, hint.ResourceNotFound ? null : hint.Value));
            }
        }

        return items;
    }
}

public static class NavigationServices
{
    /// <summary>Adds a module's navigation entries; call once from the module's <c>AddX()</c>.</summary>
    public static IServiceCollection AddNavigationLinks(this IServiceCollection services, params NavigationLink[] links)
    {
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
        {
            services.AddSingleton(link);
        }

        services.AddLocalization();
        services.TryAddSingleton<NavigationMenu>();
        return services;
    }
}
