using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;

namespace Rasens.Data.Accounts;

public enum UsageState
{
    /// <summary>No request for use, or only withdrawn / refused ones.</summary>
    None = 1,

    /// <summary>Submitted and not decided yet.</summary>
    Pending = 2,

    Approved = 3,
}

/// <summary>What the applicant enters on top of the card's basic 4 information.</summary>
public sealed record UsageRequestInput(string ResidenceCardNumber, string Phone);

/// <summary>
/// Requests for use (DOMAIN §2): one for notifications, one for residence applications. A procedure
/// that needs one is refused until the office has approved it (registered the request).
/// </summary>
public sealed class UsageRequests(RasensDbContext db, CaseNumbers numbers, Mailer mailer, TimeProvider clock)
{
    public static Error Required(ProcedureKind usageKind) =>
        new("usage.required", $"This procedure needs an approved request for use first ({usageKind}).");

    public static Error AlreadyPending { get; } = new("usage.pending", "Your request for use has been submitted and is waiting for approval.");

    public static Error AlreadyApproved { get; } = new("usage.approved", "Your request for use has already been approved.");

    public static ProcedureKind ProcedureFor(VerificationPurpose purpose) => purpose switch
    {
        VerificationPurpose.Notifications => ProcedureKind.UsageRequestNotifications,
        VerificationPurpose.ResidenceApplications => ProcedureKind.UsageRequestResidence,
    };

    public static VerificationPurpose? PurposeOf(ProcedureKind kind) => kind switch
    {
        ProcedureKind.UsageRequestNotifications => VerificationPurpose.Notifications,
        ProcedureKind.UsageRequestResidence => VerificationPurpose.ResidenceApplications,
        ProcedureKind.InstitutionOrSpouseNotification or ProcedureKind.ExtensionOfPeriodOfStay or ProcedureKind.ChangeOfStatusOfResidence
            or ProcedureKind.AuthorizedEmploymentCertificate or ProcedureKind.ChangeOfMethodOfReceipt or ProcedureKind.CertificateOfEligibilityByEmail => null,
    };

    public async Task<UsageState> StateAsync(Guid applicantId, ProcedureKind usageKind, CancellationToken cancellationToken = default)
    {
        var statuses = await db.Applications.AsNoTracking()
            .Where(a => a.ApplicantId == applicantId && a.ProcedureId == (int)usageKind)
            .Select(a => a.Status)
            .ToListAsync(cancellationToken);
        if (statuses.Contains(ApplicationStatus.Completed))
        {
            return UsageState.Approved;
        }

        return statuses.Any(s => !s.IsFinal()) ? UsageState.Pending : UsageState.None;
    }

    /// <summary>Null when <paramref name="applicantId"/> may use <paramref name="procedure"/>; otherwise why not.</summary>
    public async Task<Error?> CheckAllowedAsync(Guid applicantId, Procedure procedure, CancellationToken cancellationToken = default)
    {
        if (procedure.RequiresUsageRequest is not { } usageKind)
        {
            return null;
        }

        return await StateAsync(applicantId, usageKind, cancellationToken) == UsageState.Approved ? null : Required(usageKind);
    }

    /// <summary>Null when a new request for use of this kind may be started.</summary>
    public async Task<Error?> CheckCanStartAsync(Guid applicantId, ProcedureKind usageKind, CancellationToken cancellationToken = default) =>
        await StateAsync(applicantId, usageKind, cancellationToken) switch
        {
            UsageState.None => null,
            UsageState.Pending => AlreadyPending,
            UsageState.Approved => AlreadyApproved,
        };

    /// <summary>
    /// Submits the request for use made with <paramref name="verification"/>: the case, its reference
    /// number, the applicant's basic 4 information and the receipt e-mail, in one transaction. A reading
    /// is used once: submitting again returns the request it already made (double click, resend).
    /// </summary>
    public async Task<Result<Application>> SubmitAsync(
        ApplicantUser applicant, IdentityVerification verification, UsageRequestInput input, int officeId, CancellationToken cancellationToken = default)
    {
        if (verification.ApplicationId is { } existing)
        {
            return Result<Application>.Success(await db.Applications.SingleAsync(a => a.Id == existing, cancellationToken));
        }

        if (verification.State != VerificationState.Completed || verification.DateOfBirth is null)
        {
            return IdentityVerifications.NotFound;
        }

        var usageKind = ProcedureFor(verification.Purpose);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await CheckCanStartAsync(applicant.Id, usageKind, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var procedure = await db.Procedures.Include(p => p.Texts).SingleAsync(p => p.Kind == usageKind, cancellationToken);
        var payload = JsonSerializer.Serialize(new
        {
            nameEnglish = verification.Name,
            sex = verification.Sex,
            dateOfBirth = verification.DateOfBirth.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            address = verification.Address,
            residenceCardNumber = input.ResidenceCardNumber,
            phone = input.Phone,
            verification = new { verification.Id, verification.Adapter, verification.CompletedAt },
        });
        var application = Application.Submit(
            new NewApplication(procedure.Id, Workflow.Notification, applicant.Id, officeId,
                await numbers.ReferenceNumberAsync(now, cancellationToken), verification.Name ?? applicant.NameEnglish, procedure.FormVersion, payload)
            {
                ResidenceCardNumber = input.ResidenceCardNumber,
                DateOfBirth = verification.DateOfBirth,
            },
            applicant.ToActor(),
            now);
        db.Applications.Add(application);
        verification.Application = application;
        applicant.Sex = verification.Sex;
        applicant.DateOfBirth = verification.DateOfBirth;
        applicant.Address = verification.Address is { Length: <= 80 } address ? address : applicant.Address;
        applicant.PhoneNumber = input.Phone;
        // Saved first so the e-mail can name the case; the transaction commits both.
        await db.SaveChangesAsync(cancellationToken);
        mailer.Queue("usage-request-received", applicant.Email!, applicant.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Procedure"] = procedure.TextFor(applicant.PreferredCulture)?.Name ?? procedure.Code,
            ["ReferenceNumber"] = application.ReferenceNumber,
            ["Time"] = JapanTime.Format(now),
        }, applicationId: application.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Application>.Success(application);
    }
}
