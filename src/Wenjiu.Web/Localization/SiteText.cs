namespace Wenjiu.Web.Localization;

/// <summary>
/// The host's own texts (layout, home, errors). <c>SiteText.resx</c> holds zh-CN, the default culture;
/// <c>SiteText.en.resx</c> holds English. Modules keep their texts in their own resource class.
/// </summary>
internal sealed class SiteText;
