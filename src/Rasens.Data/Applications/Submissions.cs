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
public sealed class Submissions(RasensDbContext db, CaseNumbers numbers, UsageRequests usage, Mailer mailer, TimeProvider clock)
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

        var check = form.Check(submission.Values, DateOnly.FromDateTime(JapanTime.FromUtc(now)));
        if (!check.IsValid)
        {
            return Invalid;
        }

        var office = await db.Offices.SingleAsync(o => o.Id == officeId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var values = check.Values;
        var application = Application.Submit(
            new NewApplication(procedure.Id, workflow, applicant.Id, office.Id, await numbers.ReferenceNumberAsync(now, cancellationToken),
                values.GetValueOrDefault("nameEnglish") ?? applicant.NameEnglish, form.Version, JsonSerializer.Serialize(values))
            {
                SubmissionKey = submission.SubmissionKey,
                TemporaryReceptionNumber = workflow == Workflow.Application ? await numbers.TemporaryReceptionNumberAsync(office, procedure, now, cancellationToken) : null,
                NotificationReceiptNumber = workflow == Workflow.Notification ? await numbers.NotificationReceiptNumberAsync(now, cancellationToken) : null,
                ResidenceCardNumber = values.GetValueOrDefault("residenceCardNumber"),
                Nationality = values.GetValueOrDefault("nationality"),
                DateOfBirth = values.TryGetValue("dateOfBirth", out var birth) ? DateOnly.ParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                StatusOfResidenceCode = values.GetValueOrDefault("statusOfResidence"),
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
        mailer.Queue("application-received", applicant.Email!, applicant.PreferredCulture, mail, deduplicationKey: $"received:{application.ReferenceNumber}");
        if (application.NotificationReceiptNumber is not null)
        {
            mailer.Queue("notification-receipt-number", applicant.Email!, applicant.PreferredCulture, mail, deduplicationKey: $"receipt-number:{application.ReferenceNumber}");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
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

        return Result<Application>.Success(application);
    }

    private Task<Application?> FindAsync(Guid applicantId, Guid submissionKey, CancellationToken cancellationToken) =>
        db.Applications.SingleOrDefaultAsync(a => a.SubmissionKey == submissionKey && a.ApplicantId == applicantId, cancellationToken);
}
