namespace Wenjiu.Relief.Localization;

/// <summary>
/// The texts of the assessment and deferral pages, API messages and navigation. <c>AssessmentText.resx</c> holds zh-CN
/// (the default culture), <c>AssessmentText.en.resx</c> English; a test keeps the two key sets equal.
/// </summary>
internal sealed class AssessmentText;
