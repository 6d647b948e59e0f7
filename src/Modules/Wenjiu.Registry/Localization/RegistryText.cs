namespace Wenjiu.Registry.Localization;

/// <summary>
/// The registry's texts for pages, API messages and navigation. <c>RegistryText.resx</c> holds zh-CN (the default
/// culture), <c>RegistryText.en.resx</c> English; a test keeps the two key sets equal.
/// </summary>
internal sealed class RegistryText;
