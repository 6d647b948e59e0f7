namespace Wenjiu.Payments.Localization;

/// <summary>
/// The payments module's texts for pages, API names and navigation. <c>PaymentsText.resx</c> holds zh-CN (the default
/// culture), <c>PaymentsText.en.resx</c> English; a test keeps the two key sets equal.
/// </summary>
internal sealed class PaymentsText;
