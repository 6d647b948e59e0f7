namespace Wenjiu.Web.Localization;

/// <summary>
/// The texts of the account pages (profile, password, two-factor, sign out) and of user administration:
/// <c>AccountText.resx</c> zh-CN, <c>AccountText.en.resx</c> English.
/// </summary>
internal sealed class AccountText;
