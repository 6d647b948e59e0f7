using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Wenjiu.Platform.Web;

/// <summary>
/// <c>&lt;field-error key="Input.Name" /&gt;</c>: the message beside a field (GOV.UK pattern), with the id
/// <c>Input_Name-error</c> that the input's <c>aria-describedby</c> names. Renders nothing when the field is valid.
/// </summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    public string Key { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!ViewContext.ViewData.ModelState.TryGetValue(Key, out var entry) || entry.Errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-message");
        output.Attributes.SetAttribute("id", FormHtml.FieldId(Key) + "-error");
        output.Content.SetContent(entry.Errors[0].ErrorMessage);
    }
}
