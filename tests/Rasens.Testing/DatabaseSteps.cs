using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Xunit;

namespace Rasens.Testing;

/// <summary>The rows tests put in and read back, as steps the data tests and both apps' tests share.</summary>
public static class DatabaseSteps
{
    /// <summary>A new applicant, stored.</summary>
    public static async Task<ApplicantUser> SeedApplicantAsync(this TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var applicant = A.Applicant().Build();
        await database.SeedAsync(applicant);
        return applicant;
    }

    /// <summary>A new applicant whose request for use (<paramref name="usage"/>) an examiner has approved, stored.</summary>
    public static async Task<ApplicantUser> SeedApprovedApplicantAsync(this TestDatabase database, ProcedureKind usage = ProcedureKind.UsageRequestNotifications)
    {
        ArgumentNullException.ThrowIfNull(database);
        var applicant = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(applicant, examiner);
        await database.SeedAsync(A.Case(applicant).Notification().ForProcedure(usage).InStatus(ApplicationStatus.Completed).HeldBy(examiner).Build());
        return applicant;
    }

    /// <summary>The case <paramref name="builder"/> makes (submitted at <paramref name="at"/>, else now), stored.</summary>
    public static async Task<Application> SeedCaseAsync(this TestDatabase database, CaseBuilder builder, DateTime? at = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(builder);
        var application = builder.Build(at);
        await database.SeedAsync(application);
        return application;
    }

    /// <summary>The case as it is stored now, with its history (not tracked).</summary>
    public static async Task<Application> LoadCaseAsync(this TestDatabase database, long id)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext();
        return await db.Applications.AsNoTracking().Include(a => a.History).SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
    }
}
