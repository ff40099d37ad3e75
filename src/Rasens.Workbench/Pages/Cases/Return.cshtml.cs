using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Pages.Cases;

/// <summary>
/// Return for correction (residence applications, 002 §5.2) or registration error (notifications, 001 §4.3):
/// an itemised list — which fields to fix, which documents or the photo to attach again, each with a message —
/// and a note. The Portal shows the applicant exactly these items. Rows left empty are ignored; nothing typed is lost.
/// </summary>
public sealed class ReturnModel(RasensDbContext db, CaseWork work, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int Rows = 6;

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public List<ItemInput> Items { get; set; } = [.. Enumerable.Range(0, Rows).Select(_ => new ItemInput())];

    public Application Case { get; private set; } = null!;

    public FormDefinition? Form { get; private set; }

    public string ProcedureName { get; private set; } = "";

    /// <summary>Which way this case goes back to the applicant, as the case itself says.</summary>
    public CaseAction Action => Case.CorrectionAction;

    public bool IsNotification => Action == CaseAction.FlagRegistrationError;

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Refusal { get; private set; }

    /// <summary>False when the case, as it is now, does not let this user return it: the page then says why and offers no form.</summary>
    public bool Allowed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // Only the holder, with the case in the right status, gets this form; anyone else goes back to the case.
        if (!Allowed)
        {
            return Redirect($"/Cases/{id}");
        }

        Version = Case.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var items = new List<ReturnItem>();
        for (var i = 0; i < Items.Count && i < Rows; i++)
        {
            var row = Items[i];
            if (row.Kind is null && string.IsNullOrWhiteSpace(row.Message))
            {
                continue;
            }

            var target = row.Kind is { } kind && Enum.IsDefined(kind)
                ? kind switch { CorrectionItemKind.Field => row.Field, CorrectionItemKind.Document => row.Document, CorrectionItemKind.Photo => "photo" }
                : null;
            if (row.Kind is null || string.IsNullOrWhiteSpace(target))
            {
                Errors[$"Items_{i}__Kind"] = text["Error_item.target", i + 1];
            }
            else if (string.IsNullOrWhiteSpace(row.Message) || row.Message.Trim().Length > CaseWork.MaxItemMessage)
            {
                Errors[$"Items_{i}__Message"] = text["Error_item.message", i + 1];
            }
            else
            {
                items.Add(new ReturnItem(row.Kind.Value, target!, row.Message));
            }
        }

        if (string.IsNullOrWhiteSpace(Note))
        {
            Errors["Note"] = text[IsNotification ? "Error_return.details-required" : "Error_return.note-required"];
        }

        if (Case.CorrectionNeedsItems && items.Count == 0 && Errors.Count == 0)
        {
            Errors["Items_0__Kind"] = text["Error_case.items-required"];
        }

        // A form to correct only while the case still lets this user act; otherwise CaseWork refuses (and audits) it.
        if (Errors.Count > 0 && Allowed)
        {
            return Page();
        }

        Errors.Clear();
        var staff = User.ToActor();
        var result = Action == CaseAction.FlagRegistrationError
            ? await work.FlagRegistrationErrorAsync(id, Version, staff, Note!, items, cancellationToken)
            : await work.ReturnAsync(id, Version, staff, items, Note!, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/Cases/{id}?done={(IsNotification ? "registration-error" : "returned")}");
        }

        // What was typed stays on the page; the case shown, and the version posted next, are the current ones.
        await LoadAsync(id, cancellationToken);
        Refusal = text.Explain(result.Error!, Case.AssigneeName);
        Response.StatusCode = CaseRefusals.StatusCode(result.Error!);
        ModelState.Remove(nameof(Version));
        Version = Case.Version;
        return Page();
    }

    /// <summary>The form's fields the examiner can point at, labelled in Japanese and English.</summary>
    public IEnumerable<(string Key, string Label)> Fields() =>
        Form is null
            ? []
            : Form.Sections.Where(s => s.MaxRepeat == 0).SelectMany(s => s.Fields)
                .Select(f => (f.Key, $"{FormTexts.Get(f.LabelKey, CultureInfo.GetCultureInfo("ja"))} / {FormTexts.Get(f.LabelKey, CultureInfo.GetCultureInfo("en"))}"))
                .DistinctBy(f => f.Key);

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var found = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (found is null)
        {
            return false;
        }

        Case = found;
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        Form = FormDefinitions.For(procedure.Kind);
        Allowed = found.AllowedTransitions(User.ToActor()).Contains(found.CorrectionAction);
        return true;
    }

    public sealed class ItemInput
    {
        public CorrectionItemKind? Kind { get; set; }

        public string? Field { get; set; }

        public string? Document { get; set; }

        public string? Message { get; set; }
    }
}
