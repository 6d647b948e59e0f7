namespace Wenjiu.Ledger.Localization;

/// <summary>
/// The ledger module's texts for pages, notifications and navigation. <c>LedgerText.resx</c> holds zh-CN (the default
/// culture), <c>LedgerText.en.resx</c> English; a test keeps the two key sets equal.
/// </summary>
internal sealed class LedgerText;
