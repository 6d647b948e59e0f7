using System.Globalization;
using System.Resources;
using Wenjiu.Web.Localization;

namespace Wenjiu.Web.Security;

/// <summary>What people call each role, in the page's language (<c>Role.{code}</c> in SiteText); the code when it has no name.</summary>
internal static class RoleNames
{
    private static readonly ResourceManager Resources = new(typeof(SiteText).FullName!, typeof(SiteText).Assembly);

    public static string Describe(string role) => Resources.GetString($"Role.{role}", CultureInfo.CurrentUICulture) ?? role;
}
