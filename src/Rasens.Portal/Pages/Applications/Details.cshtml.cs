using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Data.Forms;
using Rasens.Data.Printing;
using Rasens.Data.Procedures;

namespace Rasens.Portal.Pages.Applications;

/// <summary>
/// Application Details (002 §5.1): every field and attachment name of the applicant's own case, its status,
/// Print Details as a PDF, and withdrawal while examination has not started. Another applicant's case: 404.
/// </summary>
public sealed class DetailsModel(
    ApplicantCases cases, Corrections corrections, Attachments attachments, RasensDbContext db, UserManager<ApplicantUser> users, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public Application Case { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public IReadOnlyList<CaseFieldSection> Sections { get; private set; } = [];

    public IReadOnlyList<AttachmentView> Files { get; private set; } = [];

    public bool CanWithdraw { get; private set; }

    public bool CanModify { get; private set; }

    public CorrectionView? Correction { get; private set; }

    public bool Withdrawing { get; private set; }

    /// <summary>Why the last action was refused, in the user's language.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Asks before withdrawing (no state change on GET).</summary>
    public async Task<IActionResult> OnGetWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Withdrawing = CanWithdraw;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var applicant = Actor();
        var now = clock.GetUtcNow().UtcDateTime;
        var result = Case.Withdraw(applicant, now);
        if (!result.Succeeded)
        {
            Refusal = text["Error_" + result.Error!.Code];
            return Page();
        }

        db.Record(applicant, "case.withdraw", AuditOutcome.Succeeded, now, applicationId: Case.Id, remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The office acted on the case meanwhile: show what it is now.
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            Refusal = text["Error_case.stale"];
            return Page();
        }

        return Redirect($"/Applications/{id}?withdrawn=1");
    }

    /// <summary>
    /// Print Details: the same content as this page, as a PDF. It is printed in Japanese for Japanese readers
    /// and in English for every other language: the record is official, and the embedded Japanese font covers
    /// exactly those two (entries are in capital Latin letters or Japanese by the form rules).
    /// </summary>
    public async Task<IActionResult> OnGetPrintAsync(long id, CancellationToken cancellationToken)
    {
        var screen = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(screen.TwoLetterISOLanguageName == "ja" ? "ja" : "en");
        try
        {
            return await PrintAsync(id, cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = screen;
        }
    }

    private async Task<IActionResult> PrintAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        List<PrintRow> overview =
        [
            new(text["ProcedureName"], ProcedureName),
            new(text["ReferenceNumber"], Case.ReferenceNumber),
            new(text["ProcessingStatus"], text["Status_" + Case.Status]),
            new(text["ApplicationDateTime"], JapanTime.Format(Case.SubmittedAt)),
        ];
        AddIf(overview, text["TemporaryReceptionNumber"], Case.TemporaryReceptionNumber);
        AddIf(overview, text["ReceptionNumber"], Case.ReceptionNumber);
        AddIf(overview, text["NotificationReceiptNumber"], Case.NotificationReceiptNumber);
        var sections = new List<PrintSection> { new(text["ApplicationOverview"], overview) };
        sections.AddRange(Sections.Select(s => new PrintSection(s.Title, [.. s.Rows.Select(r => new PrintRow(r.Label, r.Value))])));
        if (Files.Count > 0)
        {
            sections.Add(new PrintSection(text["Attachments"],
                [.. Files.Select(f => new PrintRow(text[f.Kind == AttachmentKind.FacialPhoto ? "FacialPhoto" : "AttachedFile"], f.FileName))]));
        }

        var pdf = DetailsPdf.Render(new PrintDocument(text["ApplicationDetails"], ProcedureName, sections, text["AppName"], clock.GetUtcNow().UtcDateTime));
        // The file name is ours (reference numbers are digits), never the user's text.
        return File(pdf, "application/pdf", $"details-{Case.ReferenceNumber}.pdf");
    }

    /// <summary>
    /// One of the case's files, as a download: only the owner's, never shown inline, under the name the applicant
    /// gave it (cleaned, and encoded by the framework in Content-Disposition).
    /// </summary>
    public async Task<IActionResult> OnGetAttachmentAsync(long id, Guid file, CancellationToken cancellationToken)
    {
        if (await attachments.OpenOwnAsync(Guid.Parse(users.GetUserId(User)!), id, file, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        return File(found.Content, found.Attachment.ContentType, Attachments.SafeFileName(found.Attachment.OriginalFileName));
    }

    private static void AddIf(List<PrintRow> rows, string label, string? value)
    {
        if (value is not null)
        {
            rows.Add(new PrintRow(label, value));
        }
    }

    private Actor Actor() => new(ActorRole.Applicant, Guid.Parse(users.GetUserId(User)!), User.Identity?.Name ?? "");

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var found = await cases.FindOwnAsync(Guid.Parse(users.GetUserId(User)!), id, cancellationToken);
        if (found is null)
        {
            return false;
        }

        Case = found;
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        var culture = CultureInfo.CurrentUICulture;
        ProcedureName = procedure.TextFor(culture.Name)?.Name ?? procedure.Code;
        Sections = CaseFields.Read(found, procedure.Kind, culture);
        Files = await attachments.OfCaseAsync(found.Id, cancellationToken);
        var allowed = found.AllowedTransitions(Actor());
        CanWithdraw = allowed.Contains(CaseAction.Withdraw);
        CanModify = allowed.Contains(CaseAction.Resubmit) && FormDefinitions.For(procedure.Kind) is not null;
        Correction = await corrections.OpenRequestAsync(found, cancellationToken);
        return true;
    }
}
