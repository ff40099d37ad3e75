using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Forms;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;

namespace Rasens.Data.Applications;

/// <summary>What the applicant applies with: the procedure, the form entry's key and what was typed.</summary>
public sealed record Submission(Guid SubmissionKey, ProcedureKind Procedure, IReadOnlyDictionary<string, string?> Values);

/// <summary>
/// Apply (DOMAIN §6): everything is checked again on the server (reception period, request for use, the
/// form), then the case, its numbers and the e-mails are written in one transaction. The form entry's key
/// makes Apply idempotent: a double click, a resend or the back button finds the case already made.
/// </summary>
public sealed class Submissions(RasensDbContext db, CaseNumbers numbers, UsageRequests usage, FormChecks checks, Attachments attachments, Mailer mailer, TimeProvider clock)
{
    public static Error Closed { get; } = new("submission.closed", "This procedure is not accepting applications now.");

    public static Error NoForm { get; } = new("submission.no-form", "This procedure is not applied for with a form.");

    public static Error Invalid { get; } = new("submission.invalid", "Some entries need correcting.");

    public async Task<Result<Application>> SubmitAsync(ApplicantUser applicant, Submission submission, int officeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(submission);
        if (await FindAsync(applicant.Id, submission.SubmissionKey, cancellationToken) is { } already)
        {
            return Result<Application>.Success(already);
        }

        var procedure = await db.Procedures.Include(p => p.Texts).SingleAsync(p => p.Kind == submission.Procedure, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!procedure.IsOpenAt(now))
        {
            return Closed;
        }

        if (FormDefinitions.For(procedure.Kind) is not { } form || procedure.Workflow is not { } workflow)
        {
            return NoForm;
        }

        if (await usage.CheckAllowedAsync(applicant.Id, procedure, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var check = await checks.CheckAsync(applicant.Id, form, submission.Values, cancellationToken);
        if (!check.IsValid)
        {
            return Invalid;
        }

        if (await attachments.MissingAsync(applicant.Id, submission.SubmissionKey, null, form.Attachments, null, cancellationToken) is { } missing)
        {
            return missing;
        }

        var values = check.Values;
        var office = await OfficeAsync(procedure.Kind, applicant.Id, values, officeId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = Application.Submit(
            new NewApplication(procedure.Id, workflow, applicant.Id, office.Id, await numbers.ReferenceNumberAsync(now, cancellationToken),
                values.GetValueOrDefault("nameEnglish") ?? applicant.NameEnglish, form.Version, JsonSerializer.Serialize(values))
            {
                SubmissionKey = submission.SubmissionKey,
                TemporaryReceptionNumber = workflow == Workflow.Application ? await numbers.TemporaryReceptionNumberAsync(office, procedure, now, cancellationToken) : null,
                // Only notifications proper get a notification receipt number (001 §4.2.2), not a change of method of receipt.
                NotificationReceiptNumber = procedure.Kind == ProcedureKind.InstitutionOrSpouseNotification ? await numbers.NotificationReceiptNumberAsync(now, cancellationToken) : null,
                ResidenceCardNumber = values.GetValueOrDefault("residenceCardNumber"),
                Nationality = values.GetValueOrDefault("nationality"),
                DateOfBirth = values.TryGetValue("dateOfBirth", out var birth)
                    && DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) ? born : null,
                StatusOfResidenceCode = values.GetValueOrDefault("desiredStatus") ?? values.GetValueOrDefault("statusOfResidence"),
                Simultaneous = SimultaneousOf(values),
            },
            applicant.ToActor(),
            now);
        db.Applications.Add(application);

        var procedureName = procedure.TextFor(applicant.PreferredCulture)?.Name ?? procedure.Code;
        var mail = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Procedure"] = procedureName,
            ["ReferenceNumber"] = application.ReferenceNumber,
            ["Time"] = JapanTime.Format(now),
            ["NotificationReceiptNumber"] = application.NotificationReceiptNumber ?? "",
        };
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (submission.SubmissionKey != Guid.Empty)
        {
            // The same Apply arrived twice at the same moment: the other request made the case.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await FindAsync(applicant.Id, submission.SubmissionKey, cancellationToken) is { } made)
            {
                return Result<Application>.Success(made);
            }

            throw;
        }

        // The e-mails name the case, so they are queued once it has its id; the same transaction commits all.
        mailer.Queue("application-received", applicant.Email!, applicant.PreferredCulture, mail, deduplicationKey: $"received:{application.ReferenceNumber}", applicationId: application.Id);
        if (application.NotificationReceiptNumber is not null)
        {
            mailer.Queue("notification-receipt-number", applicant.Email!, applicant.PreferredCulture, mail, deduplicationKey: $"receipt-number:{application.ReferenceNumber}", applicationId: application.Id);
        }

        // The files entered with the form become the case's, in the same transaction.
        await attachments.AttachToCase(application, submission.SubmissionKey, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Application>.Success(application);
    }

    /// <summary>Which simultaneous applications (002 §4.2.4) the form asks for.</summary>
    public static SimultaneousApplications SimultaneousOf(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var flags = SimultaneousApplications.None;
        if (values.GetValueOrDefault("simReEntry") == "true")
        {
            flags |= SimultaneousApplications.ReEntryPermit;
        }

        if (values.GetValueOrDefault("simOtherActivity") == "true")
        {
            flags |= SimultaneousApplications.ActivityOtherThanPermitted;
        }

        if (values.GetValueOrDefault("simAuthorizedEmployment") == "true")
        {
            flags |= SimultaneousApplications.AuthorizedEmployment;
        }

        return flags;
    }

    /// <summary>
    /// The office that handles the case: the counter the applicant will collect from; for a change of method of
    /// receipt, the office of the application it changes; otherwise the configured office.
    /// </summary>
    private async Task<RegionalOffice> OfficeAsync(ProcedureKind procedure, Guid applicantId, IReadOnlyDictionary<string, string> values, int fallback, CancellationToken cancellationToken)
    {
        if (procedure == ProcedureKind.ChangeOfMethodOfReceipt
            && await checks.TargetAsync(applicantId, values[FormChecks.ReceptionNumberField], cancellationToken) is { } target)
        {
            return await db.Offices.SingleAsync(o => o.Id == target.OfficeId, cancellationToken);
        }

        if (values.GetValueOrDefault("receiptMethod") == "COUNTER" && values.TryGetValue("receiptOffice", out var code)
            && await db.Offices.SingleOrDefaultAsync(o => o.Code == code, cancellationToken) is { } counter)
        {
            return counter;
        }

        return await db.Offices.SingleAsync(o => o.Id == fallback, cancellationToken);
    }

    private Task<Application?> FindAsync(Guid applicantId, Guid submissionKey, CancellationToken cancellationToken) =>
        db.Applications.SingleOrDefaultAsync(a => a.SubmissionKey == submissionKey && a.ApplicantId == applicantId, cancellationToken);
}
