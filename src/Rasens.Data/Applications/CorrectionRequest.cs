using System.Globalization;
using Rasens.Data.Forms;

namespace Rasens.Data.Applications;

/// <summary>
/// What an examiner asks the applicant to fix when returning a case (002 §5.2): an itemised list the
/// Portal shows exactly, plus a free-text note.
/// </summary>
public sealed class CorrectionRequest
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    /// <summary>The correction round this request opened (<see cref="Application.CorrectionRound"/> at the time).</summary>
    public int Round { get; set; }

    public Guid RequestedById { get; set; }

    public string RequestedByName { get; set; } = "";

    public DateTime RequestedAt { get; set; }

    public string? Note { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public List<CorrectionItem> Items { get; set; } = [];
}

public enum CorrectionItemKind
{
    /// <summary>A form field to fix; <see cref="CorrectionItem.Target"/> is the field key.</summary>
    Field = 1,

    /// <summary>A document to attach again; the target names the document.</summary>
    Document = 2,

    /// <summary>The facial photo must be attached again.</summary>
    Photo = 3,
}

public sealed class CorrectionItem
{
    public long Id { get; set; }

    public long CorrectionRequestId { get; set; }

    public CorrectionItemKind Kind { get; set; }

    public string Target { get; set; } = "";

    public string Message { get; set; } = "";

    /// <summary>What this item is about, in <paramref name="culture"/> (see <see cref="LabelOf"/>).</summary>
    public string Label(FormDefinition? form, CultureInfo culture) => LabelOf(Kind, Target, form, culture);

    /// <summary>
    /// The one wording of what a correction item is about, for the e-mail, the Portal and the Workbench alike: a
    /// field by its label on the case's <paramref name="form"/> (its key when the form has no such field), a
    /// document by the name the examiner gave it, the photo as the facial photo.
    /// </summary>
    public static string LabelOf(CorrectionItemKind kind, string target, FormDefinition? form, CultureInfo culture)
    {
        var trimmed = target?.Trim() ?? "";
        return kind switch
        {
            CorrectionItemKind.Field => form?.FindField(trimmed) is { } field ? FormTexts.Get(field.LabelKey, culture) : trimmed,
            CorrectionItemKind.Document => trimmed,
            CorrectionItemKind.Photo => FormTexts.Get("attachment.photo", culture),
        };
    }
}
