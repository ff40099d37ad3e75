using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Data.Forms;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;

namespace Rasens.Data.Applications;

/// <summary>One thing the applicant must correct (002 §5.2): a form field, a document, or the photo, with a message.</summary>
public sealed record ReturnItem(CorrectionItemKind Kind, string Target, string Message)
{
    /// <summary>What the item is about, in <paramref name="culture"/>: the same wording as <see cref="CorrectionItem.LabelOf"/>.</summary>
    public string Label(FormDefinition? form, System.Globalization.CultureInfo culture) => CorrectionItem.LabelOf(Kind, Target, form, culture);
}

/// <summary>
/// Staff actions on a case: claiming, assigning and every decision (DOMAIN §7, issue 5). Each runs in one
/// transaction with its status history, audit entry, e-mail (outbox) and domain events; each starts from the
/// version of the case the member of staff was looking at, so two people acting at once never overwrite each
/// other: the second is told the case changed (<see cref="CaseErrors.StaleVersion"/>). Every refusal is
/// audited and changes nothing else.
/// </summary>
public sealed class CaseWork(RasensDbContext db, CaseNumbers numbers, Mailer mailer, RasensOptions options, TimeProvider clock)
{
    public const int MaxItemMessage = 1000;

    public Task<Result> ClaimAsync(long id, int version, Actor staff, CancellationToken cancellationToken = default) =>
        ActAsync(id, version, staff, "case.claim", (c, now) => Task.FromResult(c.Claim(staff, now)), cancellationToken);

    /// <summary>The holder lets go; a supervisor may force-release anyone's case.</summary>
    public Task<Result> ReleaseAsync(long id, int version, Actor staff, CancellationToken cancellationToken = default) =>
        ActAsync(id, version, staff, "case.release", (c, _) => Task.FromResult(c.Release(staff)), cancellationToken);

    public async Task<Result> AssignAsync(long id, int version, Actor supervisor, Guid staffId, CancellationToken cancellationToken = default)
    {
        var target = await AssignableAsync(staffId, cancellationToken);
        return await ActAsync(id, version, supervisor, "case.assign",
            (c, now) => Task.FromResult(target is null ? CaseErrors.StaffNotFound : c.Assign(supervisor, target.Id, target.DisplayName, now)),
            cancellationToken, details: target?.DisplayName);
    }

    /// <summary>Bulk allocation from a filtered list: each case on its own, at the version the supervisor saw.</summary>
    public async Task<IReadOnlyList<(long Id, Result Result)>> AssignManyAsync(
        IReadOnlyList<(long Id, int Version)> cases, Actor supervisor, Guid staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var results = new List<(long, Result)>();
        foreach (var (id, version) in cases)
        {
            results.Add((id, await AssignAsync(id, version, supervisor, staffId, cancellationToken)));
        }

        return results;
    }

    /// <summary>The office receives the case; a residence application gets its reception number (DOMAIN §9), then an e-mail.</summary>
    public Task<Result> ReceiveAsync(long id, int version, Actor staff, CancellationToken cancellationToken = default) =>
        ActAsync(id, version, staff, "case.receive", async (c, now) =>
        {
            string? number = null;
            if (c.Workflow == Workflow.Application && StatusTransitions.Check(c, CaseAction.Receive, staff, null) is null)
            {
                var office = await db.Offices.SingleAsync(o => o.Id == c.OfficeId, cancellationToken);
                var procedure = await db.Procedures.SingleAsync(p => p.Id == c.ProcedureId, cancellationToken);
                number = await numbers.ReceptionNumberAsync(office, procedure, now, cancellationToken);
            }

            var result = c.Receive(staff, number, now);
            if (result.Succeeded && c.Workflow == Workflow.Application)
            {
                await MailAsync(c, "case-received", cancellationToken);
            }

            return result;
        }, cancellationToken);

    public Task<Result> StartReviewAsync(long id, int version, Actor staff, CancellationToken cancellationToken = default) =>
        ActAsync(id, version, staff, "case.start-review", (c, now) => Task.FromResult(c.StartReview(staff, now)), cancellationToken);

    /// <summary>Return for correction (002 §5.2) with the itemised list the Portal shows exactly, and a note.</summary>
    public Task<Result> ReturnAsync(long id, int version, Actor staff, IReadOnlyList<ReturnItem> items, string note, CancellationToken cancellationToken = default) =>
        ActAsync(id, version, staff, "case.return", async (c, now) =>
        {
            // Who may act, and in which status, before what they wrote: a refusal names the real reason.
            if (StatusTransitions.Check(c, CaseAction.ReturnForCorrection, staff, note?.Trim()) is { } refused)
            {
                return refused;
            }

            if (await CheckItemsAsync(c, items, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var result = c.ReturnForCorrection(staff, note?.Trim() ?? "", now);
            if (result.Succeeded)
            {
                RequestCorrection(c, staff, items, note, now);
                await MailAsync(c, "case-returned", cancellationToken, note, items);
            }

            return result;
        }, cancellationToken, details: note);

    public Task<Result> ApproveAsync(long id, int version, Actor staff, string? note, CancellationToken cancellationToken = default) =>
        DecideAsync(id, version, staff, "case.approve", (c, now) => c.Approve(staff, now, Trimmed(note)), "case-approved", note, cancellationToken);

    public Task<Result> DenyAsync(long id, int version, Actor staff, string reasons, CancellationToken cancellationToken = default) =>
        DecideAsync(id, version, staff, "case.deny", (c, now) => c.Deny(staff, reasons?.Trim() ?? "", now), "case-denied", reasons, cancellationToken);

    /// <summary>The card or certificate was handed over: the case is done.</summary>
    public Task<Result> CompleteAsync(long id, int version, Actor staff, CancellationToken cancellationToken = default) =>
        DecideAsync(id, version, staff, "case.complete", (c, now) => c.CompleteHandOver(staff, now), "case-completed", null, cancellationToken);

    public Task<Result> RegisterAsync(long id, int version, Actor staff, CancellationToken cancellationToken = default) =>
        DecideAsync(id, version, staff, "case.register", (c, now) => c.Register(staff, now), "notification-registered", null, cancellationToken);

    /// <summary>A registration error (001 §4.3): the details go to the applicant, who corrects and resubmits.</summary>
    public Task<Result> FlagRegistrationErrorAsync(long id, int version, Actor staff, string details, IReadOnlyList<ReturnItem> items, CancellationToken cancellationToken = default) =>
        ActAsync(id, version, staff, "case.registration-error", async (c, now) =>
        {
            if (StatusTransitions.Check(c, CaseAction.FlagRegistrationError, staff, details?.Trim()) is { } refused)
            {
                return refused;
            }

            if (await CheckItemsAsync(c, items, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var result = c.FlagRegistrationError(staff, details?.Trim() ?? "", now);
            if (result.Succeeded)
            {
                RequestCorrection(c, staff, items, details, now);
                await MailAsync(c, "notification-error", cancellationToken, details, items);
            }

            return result;
        }, cancellationToken, details: details);

    /// <summary>An internal note (staff only): the holder, or a supervisor. It does not change the case's version.</summary>
    public async Task<Result> AddNoteAsync(long id, Actor staff, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var now = clock.GetUtcNow().UtcDateTime;
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return await RefuseAsync(staff, "case.note", id, CaseErrors.NotFound, now, cancellationToken);
        }

        var note = application.AddNote(staff, text, now);
        if (!note.Succeeded)
        {
            return await RefuseAsync(staff, "case.note", id, note.Error!, now, cancellationToken);
        }

        // The case itself is unchanged (its version stays): only the note, its event and the audit entry are written.
        db.InternalNotes.Add(note.Value!);
        db.Record(staff, "case.note", AuditOutcome.Succeeded, now, applicationId: id);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    private Task<Result> DecideAsync(
        long id, int version, Actor staff, string action, Func<Application, DateTime, Result> decide, string template, string? reasons, CancellationToken cancellationToken) =>
        ActAsync(id, version, staff, action, async (c, now) =>
        {
            var result = decide(c, now);
            if (result.Succeeded)
            {
                await MailAsync(c, template, cancellationToken, reasons);
            }

            return result;
        }, cancellationToken, details: reasons);

    /// <summary>Loads the case, checks the version the caller saw, changes it, audits, saves: all or nothing.</summary>
    private Task<Result> ActAsync(
        long id, int version, Actor staff, string action, Func<Application, DateTime, Task<Result>> change, CancellationToken cancellationToken, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = new CaseChange(a => a.Id == id, version, staff, action, now) { Details = details };
        return attempt.ApplyAsync(db, c => change(c, now), cancellationToken,
            explain: action == "case.claim" ? refusal => ClaimRefusalAsync(id, staff, refusal, cancellationToken) : null);
    }

    /// <summary>
    /// A claim refused as stale because someone else claimed first (two examiners opened the case at the same
    /// version): the loser is told who took it, not only that the case changed.
    /// </summary>
    private async Task<Error> ClaimRefusalAsync(long id, Actor staff, Error refusal, CancellationToken cancellationToken)
    {
        if (refusal != CaseErrors.StaleVersion)
        {
            return refusal;
        }

        db.ChangeTracker.Clear();
        var holder = await db.Applications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.AssigneeId, a.AssigneeName }).SingleOrDefaultAsync(cancellationToken);
        return holder?.AssigneeId is { } taken && taken != staff.Id ? CaseErrors.AlreadyTaken(holder.AssigneeName ?? "another examiner") : refusal;
    }

    private Task<Result> RefuseAsync(Actor staff, string action, long? id, Error refusal, DateTime now, CancellationToken cancellationToken) =>
        CaseChange.RefuseAsync(db, staff, action, id, refusal, now, remoteAddress: null, cancellationToken);

    private async Task<StaffUser?> AssignableAsync(Guid staffId, CancellationToken cancellationToken) =>
        await db.StaffUsers.SingleOrDefaultAsync(
            s => s.Id == staffId && s.IsActive && (s.Role == StaffRole.Examiner || s.Role == StaffRole.Supervisor), cancellationToken);

    /// <summary>
    /// Items name a field of the case's own form, a document, or the photo, each with a message; a return needs at
    /// least one (<see cref="Application.CorrectionNeedsItems"/>).
    /// </summary>
    private async Task<Error?> CheckItemsAsync(Application application, IReadOnlyList<ReturnItem>? items, CancellationToken cancellationToken)
    {
        if (items is null || items.Count == 0)
        {
            return application.CorrectionNeedsItems ? CaseErrors.ItemsRequired : null;
        }

        var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == application.ProcedureId, cancellationToken);
        var form = FormDefinitions.For(procedure.Kind);
        foreach (var item in items)
        {
            var message = item.Message?.Trim() ?? "";
            var target = item.Target?.Trim() ?? "";
            // A kind outside the enum (a number posted by hand) names nothing.
            var known = Enum.IsDefined(item.Kind) && item.Kind switch
            {
                CorrectionItemKind.Field => form?.FindField(target) is not null,
                CorrectionItemKind.Document => target.Length is > 0 and <= 100,
                CorrectionItemKind.Photo => form?.Attachments.Photo == true,
            };
            if (!known || message.Length is 0 or > MaxItemMessage)
            {
                return CaseErrors.ItemInvalid;
            }
        }

        return null;
    }

    private void RequestCorrection(Application application, Actor staff, IReadOnlyList<ReturnItem>? items, string? note, DateTime now) =>
        db.CorrectionRequests.Add(new CorrectionRequest
        {
            ApplicationId = application.Id,
            Round = application.CorrectionRound,
            RequestedById = staff.Id,
            RequestedByName = staff.Name,
            RequestedAt = now,
            Note = Trimmed(note),
            Items = [.. (items ?? []).Select(i => new CorrectionItem
            {
                Kind = i.Kind,
                Target = i.Kind == CorrectionItemKind.Photo ? "photo" : i.Target.Trim(),
                Message = i.Message.Trim(),
            })],
        });

    /// <summary>The applicant's e-mail about the decision, in their language, with the link to the case and what to correct.</summary>
    private async Task MailAsync(Application application, string template, CancellationToken cancellationToken, string? note = null, IReadOnlyList<ReturnItem>? items = null)
    {
        var applicant = await db.ApplicantUsers.AsNoTracking().SingleAsync(a => a.Id == application.ApplicantId, cancellationToken);
        if (string.IsNullOrEmpty(applicant.Email))
        {
            return;
        }

        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == application.ProcedureId, cancellationToken);
        var culture = System.Globalization.CultureInfo.GetCultureInfo(string.IsNullOrEmpty(applicant.PreferredCulture) ? "ja" : applicant.PreferredCulture);
        var form = FormDefinitions.For(procedure.Kind);
        var details = string.Join('\n', (items ?? []).Select(i => $"・{i.Label(form, culture)}: {i.Message.Trim()}").Prepend(Trimmed(note) ?? "").Where(l => l.Length > 0));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Procedure"] = procedure.TextFor(applicant.PreferredCulture)?.Name ?? procedure.Code,
            ["ReferenceNumber"] = application.ReferenceNumber,
            ["ReceptionNumber"] = application.ReceptionNumber ?? application.TemporaryReceptionNumber ?? application.NotificationReceiptNumber ?? "",
            ["Details"] = details,
            ["Link"] = options.PortalLink($"/Applications/{application.Id}"),
            ["Time"] = JapanTime.Format(clock.GetUtcNow().UtcDateTime),
        };
        // One e-mail per decision: a retried save finds the one already queued.
        mailer.Queue(template, applicant.Email, applicant.PreferredCulture, values, deduplicationKey: $"{template}:{application.Id}:{application.Version + 1}", applicationId: application.Id);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
