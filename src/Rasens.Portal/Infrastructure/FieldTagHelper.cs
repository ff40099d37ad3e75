using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Rasens.Portal.Infrastructure;

/// <summary>
/// One form field the same way everywhere: label (with the manuals' "Required" mark), hint, the error
/// linked to the input (aria-describedby, aria-invalid), and what the user typed put back. Usage:
/// <c>&lt;field for="Input.Email" label="Email" type="email" required hint="EmailHint" /&gt;</c>.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    /// <summary>Localization key of the label.</summary>
    public string Label { get; set; } = "";

    /// <summary>Localization key of the hint under the label, if any.</summary>
    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    public bool Required { get; set; }

    public string? Autocomplete { get; set; }

    public int? Maxlength { get; set; }

    /// <summary>Password inputs are rendered empty unless the page decides to give the value back.</summary>
    public string? Value { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors : null;
        var hasError = errors is { Count: > 0 };
        var attempted = entry?.AttemptedValue;
        var model = For.Model switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            var other => other?.ToString(),
        };
        var value = Value ?? (Type == "password" ? null : attempted ?? model);

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasError ? "field field--error" : "field");
        var html = output.Content;
        html.AppendHtml($"<label for=\"{id}\">{Encode(text[Label])}");
        if (Required)
        {
            html.AppendHtml($"<span class=\"required\">{Encode(text["Required"])}</span>");
        }

        html.AppendHtml("</label>");
        var describedBy = new List<string>();
        if (Hint is not null)
        {
            html.AppendHtml($"<span class=\"hint\" id=\"{id}-hint\">{Encode(text[Hint])}</span>");
            describedBy.Add($"{id}-hint");
        }

        if (hasError)
        {
            html.AppendHtml($"<span class=\"field__error\" id=\"{id}-error\">");
            foreach (var error in errors!)
            {
                html.AppendHtml($"{Encode(error.ErrorMessage)} ");
            }

            html.AppendHtml("</span>");
            describedBy.Add($"{id}-error");
        }

        html.AppendHtml($"<input type=\"{Type}\" id=\"{id}\" name=\"{Encode(name)}\"");
        if (value is not null)
        {
            html.AppendHtml($" value=\"{Encode(value)}\"");
        }

        if (Autocomplete is not null)
        {
            html.AppendHtml($" autocomplete=\"{Autocomplete}\"");
        }

        if (Maxlength is { } max)
        {
            html.AppendHtml($" maxlength=\"{max}\"");
        }

        if (Required)
        {
            html.AppendHtml(" aria-required=\"true\"");
        }

        if (hasError)
        {
            html.AppendHtml(" aria-invalid=\"true\"");
        }

        if (describedBy.Count > 0)
        {
            html.AppendHtml($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        }

        html.AppendHtml(" />");
    }

    private string Encode(string value) => encoder.Encode(value);
}
