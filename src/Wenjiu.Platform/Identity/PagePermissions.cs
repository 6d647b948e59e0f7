using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Wenjiu.Platform.Identity;

/// <summary>
/// Page conventions for a page whose forms need another action than the page itself: the imports page shows to those
/// who may view imports, its upload needs <see cref="Permissions.ImportFiles"/>. Razor Pages authorise a page, not a
/// handler, so this adds a filter that checks the action for every request that is not a GET or HEAD.
/// </summary>
public static class PagePermissions
{
    /// <summary>Every POST (and other unsafe verb) to the area's page <paramref name="pageName"/> needs <paramref name="permission"/>.</summary>
    public static PageConventionCollection AuthorizeAreaPageChanges(this PageConventionCollection conventions, string area, string pageName, string permission)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AddAreaPageApplicationModelConvention(area, pageName, model => model.Filters.Add(new ChangePermissionFilter(permission)));
        return conventions;
    }

    /// <summary>
    /// Runs before the antiforgery check (order 1000), so that a user who may not is turned away (403, the denied page)
    /// rather than told its form is stale.
    /// </summary>
    private sealed class ChangePermissionFilter(string permission) : IAsyncAuthorizationFilter, IOrderedFilter
    {
        public int Order => -1000;

        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var request = context.HttpContext.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                return;
            }

            var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
            var result = await authorization.AuthorizeAsync(context.HttpContext.User, permission);
            if (!result.Succeeded)
            {
                context.Result = context.HttpContext.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
            }
        }
    }
}
