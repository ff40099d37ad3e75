using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Data.Messaging;
using Rasens.Testing;

namespace Rasens.Data.Tests.Messaging;

/// <summary>Resending a case e-mail to a corrected address: who may, in which state, once; every refusal audited.</summary>
public abstract class EmailResendsTests(TestDatabase database)
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Actor Supervisor = new(ActorRole.Supervisor, Guid.NewGuid(), "統括 花子");

    [Fact]
    public async Task Resend_BouncedBySupervisor_QueuesALinkedCopyMarksTheOriginalAndAudits()
    {
        var (caseId, original) = await SeedAsync(EmailState.Bounced);

        var result = await ResendAsync(caseId, original.Id, Supervisor, " corrected@example.jp ");

        Assert.True(result.Succeeded, result.Error?.Message);
        await using var db = database.CreateContext();
        var copy = await db.OutboxEmails.SingleAsync(e => e.ResendOf == original.Id, Ct);
        Assert.Equal(
            ("corrected@example.jp", EmailState.Queued, caseId, original.Subject, original.Body, original.Template, _clock.UtcNow, 0),
            (copy.To, copy.State, copy.ApplicationId, copy.Subject, copy.Body, copy.Template, copy.NextAttemptAt, copy.Attempts));
        Assert.Null(copy.DeduplicationKey);
        var marked = await db.OutboxEmails.SingleAsync(e => e.Id == original.Id, Ct);
        Assert.Equal((copy.Id, EmailState.Bounced), (marked.ResentAs, marked.State));
        var audit = await db.AuditEntries.SingleAsync(a => a.ApplicationId == caseId && a.Action == "email.resend", Ct);
        Assert.Equal((AuditOutcome.Succeeded, Supervisor.Name), (audit.Outcome, audit.ActorName));
        Assert.Equal($"#{original.Id} bad@example.jp → #{copy.Id} corrected@example.jp", audit.Details);
    }

    [Fact]
    public async Task Resend_Failed_IsAllowedOnce_TheSecondIsRefused()
    {
        var (caseId, original) = await SeedAsync(EmailState.Failed);

        Assert.True((await ResendAsync(caseId, original.Id, Supervisor, "corrected@example.jp")).Succeeded);
        var again = await ResendAsync(caseId, original.Id, Supervisor, "other@example.jp");

        Assert.Equal(EmailErrors.AlreadyResent, again.Error);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.OutboxEmails.CountAsync(e => e.ResendOf == original.Id, Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ApplicationId == caseId && a.Action == "email.resend" && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task Resend_TwoSupervisorsAtOnce_OnlyOneResendIsQueued()
    {
        var (caseId, original) = await SeedAsync(EmailState.Bounced);

        var results = await Task.WhenAll(
            Task.Run(() => ResendAsync(caseId, original.Id, Supervisor, "first@example.jp"), Ct),
            Task.Run(() => ResendAsync(caseId, original.Id, Supervisor, "second@example.jp"), Ct));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Error == EmailErrors.AlreadyResent);
        await using var db = database.CreateContext();
        var copy = await db.OutboxEmails.SingleAsync(e => e.ResendOf == original.Id, Ct);
        Assert.Equal(copy.Id, (await db.OutboxEmails.SingleAsync(e => e.Id == original.Id, Ct)).ResentAs);
    }

    [Theory]
    [InlineData(ActorRole.Examiner, EmailState.Bounced, "email.not-supervisor")]
    [InlineData(ActorRole.Administrator, EmailState.Bounced, "email.not-supervisor")]
    [InlineData(ActorRole.Supervisor, EmailState.Sent, "email.not-resendable")]
    [InlineData(ActorRole.Supervisor, EmailState.Queued, "email.not-resendable")]
    [InlineData(ActorRole.Supervisor, EmailState.Sending, "email.not-resendable")]
    [InlineData(ActorRole.Supervisor, EmailState.Deferred, "email.not-resendable")]
    public async Task Resend_WrongRoleOrState_IsRefusedAuditedAndChangesNothing(ActorRole role, EmailState state, string code)
    {
        var (caseId, original) = await SeedAsync(state);

        var result = await ResendAsync(caseId, original.Id, new Actor(role, Guid.NewGuid(), "職員"), "corrected@example.jp");

        Assert.Equal(code, result.Error?.Code);
        await AssertNothingQueuedAsync(caseId, original.Id, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("name@localhost")]
    [InlineData("a b@example.jp")]
    public async Task Resend_AddressNotInTheEmailFormat_IsRefused(string typed)
    {
        var (caseId, original) = await SeedAsync(EmailState.Bounced);

        var result = await ResendAsync(caseId, original.Id, Supervisor, typed);

        Assert.Equal(EmailErrors.AddressInvalid, result.Error);
        await AssertNothingQueuedAsync(caseId, original.Id, "email.address-invalid");
    }

    [Fact]
    public async Task Resend_AnEmailOfAnotherCase_IsNotFound()
    {
        var (_, original) = await SeedAsync(EmailState.Bounced);
        var (otherCase, _) = await SeedAsync(EmailState.Bounced);

        var result = await ResendAsync(otherCase, original.Id, Supervisor, "corrected@example.jp");

        Assert.Equal(EmailErrors.NotFound, result.Error);
        await AssertNothingQueuedAsync(otherCase, original.Id, "email.not-found");
    }

    [Theory]
    [InlineData(ActorRole.Supervisor, EmailState.Bounced, true)]
    [InlineData(ActorRole.Supervisor, EmailState.Failed, true)]
    [InlineData(ActorRole.Supervisor, EmailState.Sent, false)]
    [InlineData(ActorRole.Examiner, EmailState.Failed, false)]
    public void ResendRefusal_AnswersWhatThePageOffers(ActorRole role, EmailState state, bool offered)
    {
        var email = new OutboxEmail { State = state };

        Assert.Equal(offered, email.ResendRefusal(new Actor(role, Guid.NewGuid(), "x")) is null);
        email.ResentAs = 99;
        Assert.NotNull(email.ResendRefusal(new Actor(role, Guid.NewGuid(), "x")));
    }

    private async Task AssertNothingQueuedAsync(long caseId, long originalId, string code)
    {
        await using var db = database.CreateContext();
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.ResendOf == originalId, Ct));
        Assert.Null((await db.OutboxEmails.SingleAsync(e => e.Id == originalId, Ct)).ResentAs);
        var audit = await db.AuditEntries.SingleAsync(a => a.ApplicationId == caseId && a.Action == "email.resend", Ct);
        Assert.Equal(AuditOutcome.Refused, audit.Outcome);
        Assert.Equal(code, AuditJournal.RefusalCode(audit.Details));
    }

    private async Task<Result<OutboxEmail>> ResendAsync(long caseId, long emailId, Actor staff, string to)
    {
        await using var db = database.CreateContext(_clock);
        return await new EmailResends(db, _clock).ResendAsync(caseId, emailId, staff, to, Ct);
    }

    private async Task<(long CaseId, OutboxEmail Email)> SeedAsync(EmailState state)
    {
        var owner = A.Applicant().Build();
        var application = A.Case(owner).Build();
        await database.SeedAsync(owner, application);
        var email = new OutboxEmail
        {
            CreatedAt = _clock.UtcNow, NextAttemptAt = _clock.UtcNow, Template = "case-returned", DeduplicationKey = $"case-returned:{application.Id}:{Guid.NewGuid():N}",
            To = "bad@example.jp", Subject = "補正のお願い", Body = "補正してください。", ApplicationId = application.Id, State = state, Attempts = 1,
        };
        await database.SeedAsync(email);
        return (application.Id, email);
    }
}

public sealed class EmailResendsTests_Sqlite(SqliteTestDatabase database) : EmailResendsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class EmailResendsTests_Postgres(PostgresTestDatabase database) : EmailResendsTests(database), IClassFixture<PostgresTestDatabase>;
