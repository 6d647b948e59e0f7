using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Wenjiu.Platform;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Web.Security;

/// <summary>
/// Bureau staff must sign in with a second factor outside demo mode (brief §3). A staff session that was not
/// opened with one (no <c>amr=mfa</c> claim: the user has no authenticator yet) is sent to set it up before
/// anything else; the API answers 403 instead.
/// </summary>
internal static class StaffTwoFactor
{
    /// <summary>The claim Identity's <see cref="SignInManager{TUser}"/> adds after a second-factor sign-in.</summary>
    public const string MethodClaim = "amr";

    public const string SecondFactor = "mfa";

    public const string SetUpPath = "/Account/TwoFactor";

    // Pages a staff member without a second factor may still reach: setting it up, leaving, the error page.
    private static readonly string[] Open = [SetUpPath, "/Account/SignOut", "/Account/SignIn", "/Account/SignInCode", "/Account/Denied", "/Error", "/healthz", "/readyz"];

    public static bool HasSecondFactor(this ClaimsPrincipal user) => user.HasClaim(MethodClaim, SecondFactor);

    public static IApplicationBuilder UseStaffTwoFactor(this IApplicationBuilder app)
    {
        var demo = app.ApplicationServices.GetRequiredService<IOptions<WenjiuOptions>>().Value.Demo;
        return app.Use(async (context, next) =>
        {
            var user = context.User;
            if (!demo && user.Identity?.IsAuthenticated == true && user.IsStaff() && !user.HasSecondFactor()
                && !Open.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
            {
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{SetUpPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
                return;
            }

            await next(context);
        });
    }

    /// <summary>The periodic security-stamp check rebuilds the principal; it must not drop the second-factor mark.</summary>
    public static Task KeepSecondFactorClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.HasSecondFactor() == true
            && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(MethodClaim, SecondFactor))
        {
            identity.AddClaim(new Claim(MethodClaim, SecondFactor));
        }

        return Task.CompletedTask;
    }
}
