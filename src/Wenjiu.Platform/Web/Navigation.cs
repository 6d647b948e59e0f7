using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Platform.Web;

/// <summary>
/// One entry of the site's navigation. Each module lists its entries once, in its <c>AddX()</c>, with the action of the
/// permission table (<see cref="Permissions"/>) the page behind it needs; the layout shows a user only the entries it
/// may follow, so there are no dead links.
/// </summary>
/// <param name="Id">Stable element id (for tests and browser journeys), e.g. <c>nav-registry-employers</c>.</param>
/// <param name="TextResource">The module's resource class holding <paramref name="TextKey"/> in every language.</param>
/// <param name="Order">Position in the bar, lower first; modules use their own hundred (registry 100-199, …).</param>
/// <param name="Permission">The action (<see cref="Permissions"/>) a user needs to see the entry; null means every signed-in user.</param>
/// <param name="Href">The link for this user, or null when it has none (e.g. an enterprise user without an employer).</param>
public sealed record NavigationLink(string Id, Type TextResource, string TextKey, int Order, string? Permission, Func<ClaimsPrincipal, string?> Href)
{
    /// <summary>An entry to a page every holder of <paramref name="permission"/> may open (for every record, not only its own employer's).</summary>
    public static NavigationLink To(string id, Type textResource, string textKey, int order, string path, string? permission) =>
        new(id, textResource, textKey, order, permission, user => permission is null || user.MayEverywhere(permission) ? path : null);

    /// <summary>An entry to the own employer's page, for those who hold <paramref name="permission"/> for their own employer only.</summary>
    public static NavigationLink ToOwnEmployer(string id, Type textResource, string textKey, int order, string permission, Func<string, string> path) =>
        new(id, textResource, textKey, order, permission, user =>
            !user.MayEverywhere(permission) && user.EmployerUscc() is { Length: > 0 } uscc ? path(Uri.EscapeDataString(uscc)) : null);
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
            if ((link.Permission is null || user.May(link.Permission)) && link.Href(user) is { } href)
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
