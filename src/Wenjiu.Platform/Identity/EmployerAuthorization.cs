using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Wenjiu.Platform.Identity;

/// <summary>An employer as the resource of an authorization check: the one a record or a page belongs to.</summary>
public sealed record EmployerResource(string Uscc);

/// <summary>The user holds an action of the permission table for this employer (for every employer, or as its own user).</summary>
public sealed class ActsForEmployerRequirement(string action) : IAuthorizationRequirement
{
    public string Action { get; } = action;
}

/// <summary>
/// The one "acts for this employer" check of every module (resource-based authorization): staff roles that hold the
/// action everywhere pass for any employer, an enterprise user only for the employer it is bound to. A module asks
/// <see cref="IAuthorizationService"/> through <see cref="EmployerAuthorization.ActsForAsync"/>; when it fails, the
/// module answers 404 (the record's existence is not leaked; STYLE.md, errors).
/// </summary>
internal sealed class ActsForEmployerHandler : AuthorizationHandler<ActsForEmployerRequirement, EmployerResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ActsForEmployerRequirement requirement, EmployerResource resource)
    {
        if (context.User.MayFor(requirement.Action, resource.Uscc))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class EmployerAuthorization
{
    /// <summary>Whether <paramref name="user"/> may do <paramref name="action"/> (a <see cref="Permissions"/> action) for the employer <paramref name="uscc"/>.</summary>
    public static async Task<bool> ActsForAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string action, string uscc)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var result = await authorization.AuthorizeAsync(user, new EmployerResource(uscc), new ActsForEmployerRequirement(action));
        return result.Succeeded;
    }
}
