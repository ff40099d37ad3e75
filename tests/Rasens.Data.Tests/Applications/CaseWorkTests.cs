using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>Every staff action and every refusal through <see cref="CaseWork"/>, on a real database, on both engines.</summary>
public abstract class CaseWorkTests(TestDatabase database)
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Journey_ClaimReceiveReviewReturnResubmitApproveComplete_EachStepRecordedMailedAndAudited()
    {
        var (owner, examiner, _) = await PeopleAsync();
        var application = await database.SeedCaseAsync(A.Case(owner).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())), _clock.UtcNow);

        Assert.True((await WorkAsync(w => w.ClaimAsync(application.Id, 0, examiner))).Succeeded);
        Assert.True((await WorkAsync(w => w.ReceiveAsync(application.Id, 1, examiner))).Succeeded);
        var received = await database.LoadCaseAsync(application.Id);
        Assert.Equal(ApplicationStatus.ApplicationCompleted, received.Status);
        Assert.Matches("^東オンE26[0-9]{6}$", received.ReceptionNumber);
        Assert.True((await WorkAsync(w => w.StartReviewAsync(application.Id, 2, examiner))).Succeeded);

        var returned = await WorkAsync(w => w.ReturnAsync(application.Id, 3, examiner,
            [new(CorrectionItemKind.Field, "addressStreet", "建物名と部屋番号まで入力してください。"), new(CorrectionItemKind.Photo, "", "6か月以内に撮影した写真を添付してください。")],
            "住居地と写真の補正をお願いします。"));
        Assert.True(returned.Succeeded, returned.Error?.Message);
        var inReturn = await database.LoadCaseAsync(application.Id);
        Assert.Equal((ApplicationStatus.InReturnProcess, CaseStage.Waiting), (inReturn.Status, inReturn.Stage));
        Assert.Null(inReturn.DueAt); // the clock stops while the applicant holds the case
        await using (var db = database.CreateContext())
        {
            var request = await db.CorrectionRequests.Include(r => r.Items).SingleAsync(r => r.ApplicationId == application.Id, Ct);
            Assert.Equal([CorrectionItemKind.Field, CorrectionItemKind.Photo], request.Items.Select(i => i.Kind));
            Assert.Equal("photo", request.Items[1].Target);
            var mail = await db.OutboxEmails.SingleAsync(e => e.To == owner.Email && e.Template == "case-returned", Ct);
            // In the applicant's language (English here): the field's label, not its key.
            Assert.Contains("Address in Japan (town, street and house number): 建物名と部屋番号まで入力してください。", mail.Body, StringComparison.Ordinal);
            Assert.Contains("Facial photo: 6か月以内", mail.Body, StringComparison.Ordinal);
            Assert.Contains($"https://portal.example/Applications/{application.Id}", mail.Body, StringComparison.Ordinal);
            Assert.Equal((application.Id, EmailState.Queued), (mail.ApplicationId, mail.State)); // the case page lists it
        }

        _clock.Advance(TimeSpan.FromDays(3));
        await ResubmitAsync(application.Id, owner);
        var back = await database.LoadCaseAsync(application.Id);
        Assert.Equal(TimeSpan.FromDays(3), back.PausedDuration);
        Assert.NotNull(back.DueAt);
        Assert.True((await WorkAsync(w => w.ApproveAsync(application.Id, back.Version, examiner, "窓口でお受け取りください。"))).Succeeded);
        Assert.True((await WorkAsync(w => w.CompleteAsync(application.Id, back.Version + 1, examiner))).Succeeded);

        var done = await database.LoadCaseAsync(application.Id);
        Assert.Equal((ApplicationStatus.Completed, CaseStage.Closed), (done.Status, done.Stage));
        Assert.Equal(
            [CaseAction.Submit, CaseAction.Receive, CaseAction.StartReview, CaseAction.ReturnForCorrection, CaseAction.Resubmit, CaseAction.Approve, CaseAction.CompleteHandOver],
            done.History.OrderBy(h => h.Id).Select(h => h.Action));
        await using var check = database.CreateContext();
        var audited = await check.AuditEntries.Where(a => a.ApplicationId == application.Id && a.Outcome == AuditOutcome.Succeeded).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["case.claim", "case.receive", "case.start-review", "case.return", "case.approve", "case.complete"], audited.Where(a => a != "case.resubmit"));
        var templates = await check.OutboxEmails.Where(e => e.To == owner.Email).Select(e => e.Template).ToListAsync(Ct);
        Assert.Equal(["case-approved", "case-completed", "case-received", "case-returned"], templates.Order());
        await AssertCountsMatchAsync();
    }

    [Fact]
    public async Task Deny_WithoutReasons_IsRefusedAndAudited_WithReasons_IsFinal()
    {
        var (owner, examiner, _) = await PeopleAsync();
        var application = await database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner), _clock.UtcNow);

        var refused = await WorkAsync(w => w.DenyAsync(application.Id, application.Version, examiner, "  "));
        var denied = await WorkAsync(w => w.DenyAsync(application.Id, application.Version, examiner, "活動内容が在留資格に該当しません。"));

        Assert.Equal("case.reason-required", refused.Error?.Code);
        Assert.True(denied.Succeeded);
        var stored = await database.LoadCaseAsync(application.Id);
        Assert.Equal(ApplicationStatus.CompletedNotPermitted, stored.Status);
        await using var db = database.CreateContext();
        Assert.Contains("活動内容が在留資格に該当しません。", (await db.OutboxEmails.SingleAsync(e => e.To == owner.Email && e.Template == "case-denied", Ct)).Body, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == application.Id && a.Action == "case.deny" && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task Notification_RegisterAndRegistrationError_MailTheApplicant()
    {
        var (owner, examiner, _) = await PeopleAsync();
        var first = await database.SeedCaseAsync(A.Case(owner).Notification().InStatus(ApplicationStatus.ApplicationCompleted).HeldBy(examiner), _clock.UtcNow);
        var second = await database.SeedCaseAsync(A.Case(owner).Notification().InStatus(ApplicationStatus.ApplicationCompleted).HeldBy(examiner)
            .WithPayload(JsonSerializer.Serialize(new Dictionary<string, string> { ["formerName"] = "東京大学" })), _clock.UtcNow);

        Assert.True((await WorkAsync(w => w.RegisterAsync(first.Id, first.Version, examiner))).Succeeded);
        var flagged = await WorkAsync(w => w.FlagRegistrationErrorAsync(second.Id, second.Version, examiner, "所属機関の名称が登録内容と一致しません。",
            [new(CorrectionItemKind.Field, "formerName", "正式名称を入力してください。")]));

        Assert.True(flagged.Succeeded, flagged.Error?.Message);
        Assert.Equal(ApplicationStatus.Completed, (await database.LoadCaseAsync(first.Id)).Status);
        Assert.Equal((ApplicationStatus.RegistrationError, CaseStage.Waiting), ((await database.LoadCaseAsync(second.Id)).Status, (await database.LoadCaseAsync(second.Id)).Stage));
        await using var db = database.CreateContext();
        var error = await db.OutboxEmails.SingleAsync(e => e.To == owner.Email && e.Template == "notification-error", Ct);
        Assert.Contains("所属機関の名称が登録内容と一致しません。", error.Body, StringComparison.Ordinal);
        Assert.Contains("正式名称を入力してください。", error.Body, StringComparison.Ordinal);
        Assert.True(await db.OutboxEmails.AnyAsync(e => e.To == owner.Email && e.Template == "notification-registered", Ct));
    }

    public static TheoryData<string> Refusals() => ["wrong-status", "wrong-role", "not-holder", "stale", "no-items", "unknown-field", "not-found"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refusal_ChangesNothingAndIsAudited(string refusal)
    {
        var (owner, examiner, supervisor) = await PeopleAsync();
        var other = A.Staff().Build();
        var admin = A.Staff(StaffRole.Administrator).Build();
        await database.SeedAsync(other, admin);
        var application = await database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner)
            .WithPayload(JsonSerializer.Serialize(FormExamples.Extension())), _clock.UtcNow);
        var before = await database.LoadCaseAsync(application.Id);

        var (result, code) = refusal switch
        {
            "wrong-status" => (await WorkAsync(w => w.CompleteAsync(application.Id, before.Version, examiner)), "case.illegal-transition"),
            "wrong-role" => (await WorkAsync(w => w.AssignAsync(application.Id, before.Version, examiner, other.Id)), "case.not-supervisor"),
            "not-holder" => (await WorkAsync(w => w.ApproveAsync(application.Id, before.Version, other.ToActor(), null)), "case.not-holder"),
            "stale" => (await WorkAsync(w => w.ApproveAsync(application.Id, before.Version - 1, examiner, null)), "case.stale"),
            "no-items" => (await WorkAsync(w => w.ReturnAsync(application.Id, before.Version, examiner, [], "補正してください。")), "case.items-required"),
            "unknown-field" => (await WorkAsync(w => w.ReturnAsync(application.Id, before.Version, examiner, [new(CorrectionItemKind.Field, "noSuchField", "x")], "x")), "case.item-invalid"),
            "not-found" => (await WorkAsync(w => w.ClaimAsync(long.MaxValue, 0, admin.ToActor())), "case.not-found"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };

        Assert.Equal(code, result.Error?.Code);
        var after = await database.LoadCaseAsync(application.Id);
        Assert.Equal((before.Status, before.Version, before.AssigneeId, before.History.Count), (after.Status, after.Version, after.AssigneeId, after.History.Count));
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Outcome == AuditOutcome.Refused && a.Details!.StartsWith(code), Ct));
        Assert.False(await db.CorrectionRequests.AnyAsync(r => r.ApplicationId == application.Id, Ct));
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.To == owner.Email && e.Template.StartsWith("case-"), Ct));
        _ = supervisor;
    }

    public static TheoryData<string, string> DecisionRefusals()
    {
        var data = new TheoryData<string, string>();
        foreach (var decision in new[] { "receive", "start-review", "return", "approve", "deny", "complete", "register", "registration-error" })
        {
            foreach (var refusal in new[] { "wrong-status", "wrong-role", "not-holder", "stale" })
            {
                data.Add(decision, refusal);
            }
        }

        return data;
    }

    /// <summary>Every decision, refused for each reason there is: nothing changes, the refusal is audited.</summary>
    [Theory]
    [MemberData(nameof(DecisionRefusals))]
    public async Task Decision_RefusedForEachReason_ChangesNothing(string decision, string refusal)
    {
        var (owner, examiner, _) = await PeopleAsync();
        var other = A.Staff().Build();
        var admin = A.Staff(StaffRole.Administrator).Build();
        await database.SeedAsync(other, admin);
        var notification = decision is "register" or "registration-error";
        // The status each decision is made from, and one it cannot be made from.
        var right = decision switch
        {
            "receive" => ApplicationStatus.Pending,
            "start-review" or "register" or "registration-error" => ApplicationStatus.ApplicationCompleted,
            "complete" => ApplicationStatus.AwaitingIssuance,
            _ => ApplicationStatus.UnderReview,
        };
        var builder = A.Case(owner).InStatus(refusal == "wrong-status" ? (right == ApplicationStatus.Pending ? ApplicationStatus.UnderReview : ApplicationStatus.Pending) : right)
            .HeldBy(examiner).WithPayload(JsonSerializer.Serialize(notification ? new Dictionary<string, string> { ["formerName"] = "東京大学" } : FormExamples.Extension()));
        var application = await database.SeedCaseAsync(notification ? builder.Notification() : builder, _clock.UtcNow);
        var actor = refusal switch { "wrong-role" => admin.ToActor(), "not-holder" => other.ToActor(), _ => examiner };
        var version = refusal == "stale" ? application.Version - 1 : application.Version;
        var before = await database.LoadCaseAsync(application.Id);

        var result = await WorkAsync(w => decision switch
        {
            "receive" => w.ReceiveAsync(application.Id, version, actor),
            "start-review" => w.StartReviewAsync(application.Id, version, actor),
            "return" => w.ReturnAsync(application.Id, version, actor, [new(CorrectionItemKind.Field, "addressStreet", "番地まで")], "補正してください。"),
            "approve" => w.ApproveAsync(application.Id, version, actor, null),
            "deny" => w.DenyAsync(application.Id, version, actor, "理由"),
            "complete" => w.CompleteAsync(application.Id, version, actor),
            "register" => w.RegisterAsync(application.Id, version, actor),
            "registration-error" => w.FlagRegistrationErrorAsync(application.Id, version, actor, "名称が一致しません。", []),
            _ => throw new ArgumentOutOfRangeException(nameof(decision)),
        });

        var expected = refusal switch { "wrong-status" => "case.illegal-transition", "wrong-role" => "case.role-not-permitted", "not-holder" => "case.not-holder", _ => "case.stale" };
        Assert.Equal(expected, result.Error?.Code);
        var after = await database.LoadCaseAsync(application.Id);
        Assert.Equal((before.Status, before.Version, before.History.Count, before.ReceptionNumber), (after.Status, after.Version, after.History.Count, after.ReceptionNumber));
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == application.Id && a.Outcome == AuditOutcome.Refused && a.Details!.StartsWith(expected), Ct));
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.To == owner.Email && (e.Template.StartsWith("case-") || e.Template.StartsWith("notification-")), Ct));
    }

    [Fact]
    public async Task Administrator_CannotClaim_SupervisorAssignsReassignsAndForceReleases()
    {
        var (owner, examiner, supervisor) = await PeopleAsync();
        var admin = A.Staff(StaffRole.Administrator).Build();
        var second = A.Staff().Build();
        await database.SeedAsync(admin, second);
        var application = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);

        Assert.Equal("case.role-not-permitted", (await WorkAsync(w => w.ClaimAsync(application.Id, 0, admin.ToActor()))).Error?.Code);
        Assert.True((await WorkAsync(w => w.AssignAsync(application.Id, 0, supervisor, examiner.Id))).Succeeded);
        Assert.True((await WorkAsync(w => w.AssignAsync(application.Id, 1, supervisor, second.Id))).Succeeded);
        Assert.Equal(second.Id, (await database.LoadCaseAsync(application.Id)).AssigneeId);
        Assert.Equal("case.not-holder", (await WorkAsync(w => w.ReleaseAsync(application.Id, 2, examiner))).Error?.Code);
        Assert.True((await WorkAsync(w => w.ReleaseAsync(application.Id, 2, supervisor))).Succeeded);
        Assert.Null((await database.LoadCaseAsync(application.Id)).AssigneeId);
        Assert.Equal("case.staff-not-found", (await WorkAsync(w => w.AssignAsync(application.Id, 3, supervisor, admin.Id))).Error?.Code);
        await AssertCountsMatchAsync();
    }

    [Fact]
    public async Task AssignMany_EachCaseAtTheVersionSeen_AChangedOneIsReportedNotOverwritten()
    {
        var (owner, examiner, supervisor) = await PeopleAsync();
        var other = A.Staff().Build();
        await database.SeedAsync(other);
        var cases = new[] { await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow), await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow), await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow) };
        // Meanwhile another examiner claims the second one.
        Assert.True((await WorkAsync(w => w.ClaimAsync(cases[1].Id, 0, other.ToActor()))).Succeeded);

        var results = await WorkAsync(w => w.AssignManyAsync([.. cases.Select(c => (c.Id, 0))], supervisor, examiner.Id));

        Assert.Equal([true, false, true], results.Select(r => r.Result.Succeeded));
        Assert.Equal("case.stale", results[1].Result.Error?.Code);
        Assert.Equal(other.Id, (await database.LoadCaseAsync(cases[1].Id)).AssigneeId);
        Assert.Equal(examiner.Id, (await database.LoadCaseAsync(cases[2].Id)).AssigneeId);
    }

    [Fact]
    public async Task TwoExaminersClaimAtTheSameMoment_OneHoldsItTheOtherIsToldWhy()
    {
        var (owner, examiner, _) = await PeopleAsync();
        var other = A.Staff().Build();
        await database.SeedAsync(other);
        var application = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);

        var results = await AtOnceAsync(w => w.ClaimAsync(application.Id, 0, examiner), w => w.ClaimAsync(application.Id, 0, other.ToActor()));

        Assert.Single(results, r => r.Succeeded);
        var stored = await database.LoadCaseAsync(application.Id);
        Assert.Equal(1, stored.Version);
        Assert.Contains(stored.AssigneeId!.Value, new[] { examiner.Id, other.Id });
        // Both opened the case at version 0: the loser is told who took it, not only that the case changed.
        var loser = Assert.Single(results, r => !r.Succeeded).Error!;
        Assert.Equal("case.already-taken", loser.Code);
        Assert.Contains(stored.AssigneeName!, loser.Message, StringComparison.Ordinal);
        await AssertCountsMatchAsync();
    }

    [Fact]
    public async Task HolderApprovesWhileSupervisorReassigns_OneWinsNothingHalfApplied()
    {
        var (owner, examiner, supervisor) = await PeopleAsync();
        var other = A.Staff().Build();
        await database.SeedAsync(other);
        var application = await database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner), _clock.UtcNow);

        var results = await AtOnceAsync(
            w => w.ApproveAsync(application.Id, application.Version, examiner, null),
            w => w.AssignAsync(application.Id, application.Version, supervisor, other.Id));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Error?.Code == "case.stale");
        var stored = await database.LoadCaseAsync(application.Id);
        Assert.Equal(application.Version + 1, stored.Version);
        Assert.True(stored.Status == ApplicationStatus.AwaitingIssuance ? stored.AssigneeId == examiner.Id : stored.AssigneeId == other.Id && stored.Status == ApplicationStatus.UnderReview);
        await using var db = database.CreateContext();
        Assert.Equal(stored.Status == ApplicationStatus.AwaitingIssuance ? 1 : 0, await db.OutboxEmails.CountAsync(e => e.To == owner.Email && e.Template == "case-approved", Ct));
        await AssertCountsMatchAsync();
    }

    [Fact]
    public async Task AddNote_WritesNoteEventAndAudit_TheCaseVersionStays()
    {
        var (owner, examiner, supervisor) = await PeopleAsync();
        var application = await database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner), _clock.UtcNow);
        var bystander = A.Staff().Build();
        await database.SeedAsync(bystander);

        // An examiner who does not hold the case is refused; a supervisor may write on any case.
        Assert.Equal("case.not-holder", (await WorkAsync(w => w.AddNoteAsync(application.Id, bystander.ToActor(), "担当外"))).Error?.Code);
        Assert.True((await WorkAsync(w => w.AddNoteAsync(application.Id, supervisor, "統括より：至急"))).Succeeded);

        Assert.True((await WorkAsync(w => w.AddNoteAsync(application.Id, examiner, "  在留カードの写しを確認すること。 "))).Succeeded);
        Assert.Equal("case.note-required", (await WorkAsync(w => w.AddNoteAsync(application.Id, examiner, " "))).Error?.Code);
        var applicant = new Actor(ActorRole.Applicant, owner.Id, owner.UserName!);
        Assert.Equal("case.staff-only", (await WorkAsync(w => w.AddNoteAsync(application.Id, applicant, "見せてほしい"))).Error?.Code);

        await using var db = database.CreateContext();
        Assert.Equal(["在留カードの写しを確認すること。", "統括より：至急"], (await db.InternalNotes.Where(n => n.ApplicationId == application.Id).ToListAsync(Ct)).Select(n => n.Text).Order());
        Assert.True(await db.OutboxEvents.AnyAsync(e => e.ApplicationId == application.Id && e.Type == "case.note-added", Ct));
        Assert.Equal(application.Version, (await database.LoadCaseAsync(application.Id)).Version);
    }

    [Fact]
    public async Task Release_ByTheHolder_WritesReleasedEventAndAudit_TheCaseIsFree()
    {
        var (owner, examiner, _) = await PeopleAsync();
        var application = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);
        Assert.True((await WorkAsync(w => w.ClaimAsync(application.Id, 0, examiner))).Succeeded);

        Assert.True((await WorkAsync(w => w.ReleaseAsync(application.Id, 1, examiner))).Succeeded);

        Assert.Null((await database.LoadCaseAsync(application.Id)).AssigneeId);
        await using var db = database.CreateContext();
        var released = await db.OutboxEvents.SingleAsync(e => e.ApplicationId == application.Id && e.Type == "case.released", Ct);
        Assert.Equal((owner.Id, application.OfficeId), (released.ApplicantId!.Value, released.OfficeId!.Value));
        using var payload = JsonDocument.Parse(released.Payload);
        Assert.Equal(examiner.Id, payload.RootElement.GetProperty("previousHolderId").GetGuid());
        Assert.Equal(examiner.Id, payload.RootElement.GetProperty("releasedById").GetGuid());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == application.Id && a.Action == "case.release" && a.Outcome == AuditOutcome.Succeeded, Ct));
        await AssertCountsMatchAsync();
    }

    private async Task<(ApplicantUser Owner, Actor Examiner, Actor Supervisor)> PeopleAsync()
    {
        var owner = A.Applicant().Build();
        var examiner = A.Staff().Build();
        var supervisor = A.Staff(StaffRole.Supervisor).Build();
        await database.SeedAsync(owner, examiner, supervisor);
        return (owner, examiner.ToActor(), supervisor.ToActor());
    }

    private CaseWork Work(RasensDbContext db) =>
        new(db, new CaseNumbers(new NumberAllocator(db)), new Mailer(db, _clock), new RasensOptions { PortalUrl = "https://portal.example" }, _clock);

    private async Task<T> WorkAsync<T>(Func<CaseWork, Task<T>> act)
    {
        await using var db = database.CreateContext(_clock);
        return await act(Work(db));
    }

    /// <summary>Two members of staff, each with their own connection, released at the same instant.</summary>
    private async Task<Result[]> AtOnceAsync(Func<CaseWork, Task<Result>> first, Func<CaseWork, Task<Result>> second)
    {
        using var barrier = new Barrier(2);
        Task<Result> Run(Func<CaseWork, Task<Result>> act) => Task.Run(async () =>
        {
            await using var db = database.CreateContext(_clock);
            await db.Database.OpenConnectionAsync(Ct);
            barrier.SignalAndWait(Ct);
            return await act(Work(db));
        }, Ct);

        return await Task.WhenAll(Run(first), Run(second));
    }

    private async Task ResubmitAsync(long id, ApplicantUser owner)
    {
        await using var db = database.CreateContext(_clock);
        var application = await db.Applications.SingleAsync(a => a.Id == id, Ct);
        Assert.True(application.Resubmit(new Actor(ActorRole.Applicant, owner.Id, owner.NameEnglish), application.Payload, _clock.GetUtcNow().UtcDateTime).Succeeded);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The counts table says exactly what a full count of the cases says.</summary>
    private async Task AssertCountsMatchAsync()
    {
        await using var db = database.CreateContext();
        var cases = (await db.Applications.AsNoTracking().Select(a => new { a.Status, a.Workflow, a.AssigneeId }).ToListAsync(Ct))
            .GroupBy(a => (a.Status, a.Workflow, CaseCount.KeyOf(a.AssigneeId))).ToDictionary(g => g.Key, g => (long)g.Count());
        var counts = (await db.CaseCounts.AsNoTracking().Where(c => c.Count != 0).ToListAsync(Ct)).ToDictionary(c => (c.Status, c.Workflow, c.AssigneeKey), c => c.Count);
        Assert.Equal(cases.OrderBy(c => c.Key.ToString()), counts.OrderBy(c => c.Key.ToString()));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class CaseWorkTests_Sqlite(SqliteTestDatabase database) : CaseWorkTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class CaseWorkTests_Postgres(PostgresTestDatabase database) : CaseWorkTests(database), IClassFixture<PostgresTestDatabase>;
