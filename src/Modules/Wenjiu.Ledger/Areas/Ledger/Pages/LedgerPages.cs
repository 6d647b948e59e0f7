using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Localization;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Web;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Ledger.Areas.Ledger.Pages;

/// <summary>What the ledger's pages share: names in the reader's language, and a rule's message from its code.</summary>
internal static class LedgerPages
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Title(string zh, string en) => English ? en : zh;

    public static string District(string code) => Districts.Find(code) is { } d ? Title(d.NameZh, d.NameEn) : code;

    public static string Skill(string code) => OccupationTaxonomy.FindSkill(code) is { } s ? Title(s.NameZh, s.NameEn) : code;

    public static string Category(IStringLocalizer<LedgerText> text, KeyEnterpriseCategory category) => text[$"Category.{LedgerRules.CategoryCode(category)}"];

    public static string Status(IStringLocalizer<LedgerText> text, DemandLineStatus status) => text[$"Status.{status}"];

    public static string Stage(IStringLocalizer<LedgerText> text, FunnelStage stage) => text[$"Stage.{LedgerRules.StageCode(stage)}"];

    /// <summary>Copies the service's errors into the page's model state under <c>{prefix}.{field}</c>, each as the text of its rule.</summary>
    public static void CopyErrors(FieldErrors errors, ModelStateDictionary state, IStringLocalizer<LedgerText> text, string prefix)
    {
        state.Clear();
        foreach (var error in errors)
        {
            var rule = error.Message.Split(':')[0].Trim().Replace(' ', '_');
            var message = text[$"Error.{rule}"];
            state.AddModelError($"{prefix}.{error.Field}", message.ResourceNotFound ? error.Message : message.Value);
        }
    }
}
