using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;
using Rasens.Data.Forms;

namespace Rasens.Data.Applications;

/// <summary>What the examiner asked for when returning a case (or flagging a registration error), with the case's form to name its items.</summary>
public sealed record CorrectionView(string? Reason, string? Note, IReadOnlyList<CorrectionItem> Items, DateTime At, FormDefinition? Form)
{
    /// <summary>What <paramref name="item"/> is about, in <paramref name="culture"/> (<see cref="CorrectionItem.LabelOf"/>).</summary>
    public string Label(CorrectionItem item, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Label(Form, culture);
    }
}

/// <summary>
/// Correction by the applicant (002 §5.2, 001 §4.3): the open request is shown, Modify reopens the form with
/// the case's data, and resubmitting checks the form again and returns the case to the office through the
/// state machine, in one transaction with its history, audit entry and event.
/// </summary>
public sealed class Corrections(RasensDbContext db, FormChecks checks, Attachments attachments, TimeProvider clock)
{
    public async Task<CorrectionView?> OpenRequestAsync(Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!application.Status.IsWaitingForApplicant())
        {
            return null;
        }

        var request = await db.CorrectionRequests.AsNoTracking().Include(r => r.Items)
            .Where(r => r.ApplicationId == application.Id && r.ResolvedAt == null)
            .OrderByDescending(r => r.Round)
            .FirstOrDefaultAsync(cancellationToken);
        var returned = application.History.Where(h => h.ToStatus == application.Status).OrderBy(h => h.At).LastOrDefault();
        var kind = await db.Procedures.AsNoTracking().Where(p => p.Id == application.ProcedureId).Select(p => p.Kind).SingleAsync(cancellationToken);
        return new CorrectionView(returned?.Reason, request?.Note, request?.Items ?? [], returned?.At ?? application.StatusChangedAt, FormDefinitions.For(kind));
    }

    /// <summary>
    /// Resubmits the corrected form with the files attached in this round (<paramref name="draftId"/>): the photo
    /// and documents the examiner asked for must be among them.
    /// </summary>
    public async Task<Result> ResubmitAsync(
        Application application, Actor applicant, int expectedVersion, IReadOnlyDictionary<string, string?> values, Guid draftId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.Version != expectedVersion)
        {
            return CaseErrors.StaleVersion;
        }

        var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == application.ProcedureId, cancellationToken);
        if (FormDefinitions.For(procedure.Kind) is not { } form)
        {
            return Submissions.NoForm;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var check = await checks.CheckAsync(application.ApplicantId, form, values, cancellationToken);
        if (!check.IsValid)
        {
            return Submissions.Invalid;
        }

        var requested = (await OpenRequestAsync(application, cancellationToken))?.Items;
        if (await attachments.MissingAsync(application.ApplicantId, draftId, application.Id, form.Attachments, requested, cancellationToken) is { } missing)
        {
            return missing;
        }

        var result = application.Resubmit(applicant, JsonSerializer.Serialize(check.Values), now);
        if (!result.Succeeded)
        {
            return result;
        }

        foreach (var request in await db.CorrectionRequests.Where(r => r.ApplicationId == application.Id && r.ResolvedAt == null).ToListAsync(cancellationToken))
        {
            request.ResolvedAt = now;
        }

        await attachments.AttachToCase(application, draftId, cancellationToken);
        db.Record(applicant, "case.resubmit", AuditOutcome.Succeeded, now, applicationId: application.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CaseErrors.StaleVersion;
        }

        return Result.Ok;
    }
}
