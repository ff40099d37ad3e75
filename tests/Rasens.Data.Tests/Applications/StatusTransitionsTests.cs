using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>
/// Every workflow × every status × every action × every kind of actor. The expectations below are
/// written out from the manuals (002 §5.1, 001 §4.3) independently of StatusTransitions, so the test
/// fails if the production table drifts from them.
/// </summary>
public sealed class StatusTransitionsTests
{
    private enum Party
    {
        Owner,
        Holder,
    }

    // (workflow, from, action) -> (to, who, reason required)
    private static readonly Dictionary<(Workflow, ApplicationStatus, CaseAction), (ApplicationStatus To, Party Who, bool Reason)> Expected = new()
    {
        [(Workflow.Application, ApplicationStatus.Pending, CaseAction.Receive)] = (ApplicationStatus.ApplicationCompleted, Party.Holder, false),
        [(Workflow.Application, ApplicationStatus.Pending, CaseAction.Withdraw)] = (ApplicationStatus.Withdrawn, Party.Owner, false),
        [(Workflow.Application, ApplicationStatus.ApplicationCompleted, CaseAction.StartReview)] = (ApplicationStatus.UnderReview, Party.Holder, false),
        [(Workflow.Application, ApplicationStatus.ApplicationCompleted, CaseAction.Withdraw)] = (ApplicationStatus.Withdrawn, Party.Owner, false),
        [(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.ReturnForCorrection)] = (ApplicationStatus.InReturnProcess, Party.Holder, true),
        [(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.Approve)] = (ApplicationStatus.AwaitingIssuance, Party.Holder, false),
        [(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.Deny)] = (ApplicationStatus.CompletedNotPermitted, Party.Holder, true),
        [(Workflow.Application, ApplicationStatus.InReturnProcess, CaseAction.Resubmit)] = (ApplicationStatus.UnderReview, Party.Owner, false),
        [(Workflow.Application, ApplicationStatus.AwaitingIssuance, CaseAction.CompleteHandOver)] = (ApplicationStatus.Completed, Party.Holder, false),
        [(Workflow.Notification, ApplicationStatus.Pending, CaseAction.Receive)] = (ApplicationStatus.ApplicationCompleted, Party.Holder, false),
        [(Workflow.Notification, ApplicationStatus.Pending, CaseAction.Withdraw)] = (ApplicationStatus.Withdrawn, Party.Owner, false),
        [(Workflow.Notification, ApplicationStatus.ApplicationCompleted, CaseAction.Register)] = (ApplicationStatus.Completed, Party.Holder, false),
        [(Workflow.Notification, ApplicationStatus.ApplicationCompleted, CaseAction.FlagRegistrationError)] = (ApplicationStatus.RegistrationError, Party.Holder, true),
        [(Workflow.Notification, ApplicationStatus.RegistrationError, CaseAction.Resubmit)] = (ApplicationStatus.ApplicationCompleted, Party.Owner, false),
    };

    public static TheoryData<Workflow, ApplicationStatus, CaseAction> EveryStatusAndAction()
    {
        var data = new TheoryData<Workflow, ApplicationStatus, CaseAction>();
        foreach (var workflow in Enum.GetValues<Workflow>())
        {
            foreach (var status in Enum.GetValues<ApplicationStatus>())
            {
                foreach (var action in Enum.GetValues<CaseAction>())
                {
                    data.Add(workflow, status, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Table_EveryStatusAndAction_MatchesTheManuals(Workflow workflow, ApplicationStatus status, CaseAction action)
    {
        var found = StatusTransitions.Find(workflow, status, action);
        if (Expected.TryGetValue((workflow, status, action), out var expected))
        {
            Assert.NotNull(found);
            Assert.Equal(expected.To, found.To);
            Assert.Equal(expected.Who == Party.Owner ? TransitionParty.Owner : TransitionParty.Holder, found.Party);
            Assert.Equal(expected.Reason, found.ReasonRequired);
        }
        else
        {
            Assert.Null(found);
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Apply_EveryActorOnEveryReachableStatus_DoesExactlyWhatTheTableSays(Workflow workflow, ApplicationStatus status, CaseAction action)
    {
        if (!CaseBuilder.Reachable(workflow, status))
        {
            Assert.Null(StatusTransitions.Find(workflow, status, action));
            return;
        }

        var owner = A.Applicant().Build();
        var examiner = A.Staff(StaffRole.Examiner).Build();
        var actors = new (string Name, Func<Application, StaffUser, Actor> Make, Party? Can)[]
        {
            ("owner", (_, _) => new Actor(ActorRole.Applicant, owner.Id, owner.NameEnglish), Party.Owner),
            ("another applicant", (_, _) => new Actor(ActorRole.Applicant, Guid.NewGuid(), "OTHER"), null),
            ("holding examiner", (_, holder) => holder.ToActor(), Party.Holder),
            ("holding supervisor", (_, holder) => holder.ToActor(), Party.Holder),
            ("examiner not holding", (_, _) => A.Staff(StaffRole.Examiner).Build().ToActor(), null),
            ("supervisor not holding", (_, _) => A.Staff(StaffRole.Supervisor).Build().ToActor(), null),
            ("administrator", (_, _) => A.Staff(StaffRole.Administrator).Build().ToActor(), null),
            ("system", (_, _) => Actor.System, null),
        };

        Expected.TryGetValue((workflow, status, action), out var expected);
        var legal = Expected.ContainsKey((workflow, status, action));
        foreach (var (name, make, can) in actors)
        {
            var holder = name == "holding supervisor" ? A.Staff(StaffRole.Supervisor).Build() : examiner;
            var builder = A.Case(owner).InStatus(status);
            if (workflow == Workflow.Notification)
            {
                builder = builder.Notification();
            }

            var application = builder.HeldBy(holder).Build();
            var actor = make(application, holder);
            var historyBefore = application.History.Count;
            var eventsBefore = application.Events.Count;
            var allowed = application.AllowedTransitions(actor).Contains(action);
            var at = DateTime.UtcNow.AddMinutes(5);

            var result = application.Apply(action, actor, at, InputFor(action));

            var shouldSucceed = legal && can == expected.Who;
            Assert.True(shouldSucceed == result.Succeeded, $"{workflow}/{status}/{action} by {name}: expected {(shouldSucceed ? "success" : "refusal")}, got {result.Error}");
            Assert.Equal(shouldSucceed, allowed);
            if (shouldSucceed)
            {
                Assert.Equal(expected.To, application.Status);
                var entry = application.History[^1];
                Assert.Equal(historyBefore + 1, application.History.Count);
                Assert.Equal(status, entry.FromStatus);
                Assert.Equal(expected.To, entry.ToStatus);
                Assert.Equal(action, entry.Action);
                Assert.Equal(actor.Id, entry.ActorId);
                Assert.Equal(actor.Role, entry.ActorRole);
                Assert.Equal(at, entry.At);
                Assert.Equal(at, application.StatusChangedAt);
                Assert.Equal(eventsBefore + 1, application.Events.Count);
            }
            else
            {
                Assert.NotNull(result.Error);
                Assert.Equal(status, application.Status);
                Assert.Equal(historyBefore, application.History.Count);
                Assert.Equal(eventsBefore, application.Events.Count);
                var code = result.Error.Code;
                var expectedCode = !legal ? "case.illegal-transition"
                    : expected.Who == Party.Owner ? "case.not-owner"
                    : actor.Role is ActorRole.Examiner or ActorRole.Supervisor ? "case.not-holder"
                    : "case.role-not-permitted";
                Assert.Equal(expectedCode, code);
            }
        }
    }

    [Theory]
    [InlineData(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.ReturnForCorrection)]
    [InlineData(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.Deny)]
    [InlineData(Workflow.Notification, ApplicationStatus.ApplicationCompleted, CaseAction.FlagRegistrationError)]
    public void Apply_ReasonMissing_IsRefusedAndChangesNothing(Workflow workflow, ApplicationStatus status, CaseAction action)
    {
        var examiner = A.Staff().Build();
        var builder = A.Case(A.Applicant().Build()).InStatus(status).HeldBy(examiner);
        var application = (workflow == Workflow.Notification ? builder.Notification() : builder).Build();
        var history = application.History.Count;

        foreach (var blank in new[] { null, "", "   " })
        {
            var result = application.Apply(action, examiner.ToActor(), DateTime.UtcNow, blank);
            Assert.Equal("case.reason-required", result.Error?.Code);
            Assert.Equal(status, application.Status);
            Assert.Equal(history, application.History.Count);
        }
    }

    [Fact]
    public void Receive_ApplicationWithoutReceptionNumber_IsRefused()
    {
        var examiner = A.Staff().Build();
        var application = A.Case(A.Applicant().Build()).HeldBy(examiner).Build();

        var result = application.Receive(examiner.ToActor(), null, DateTime.UtcNow);

        Assert.Equal(CaseErrors.NumberRequired, result.Error);
        Assert.Equal(ApplicationStatus.Pending, application.Status);
        Assert.Null(application.ReceptionNumber);
    }

    [Fact]
    public void Receive_Application_RecordsReceptionNumberAndTime()
    {
        var examiner = A.Staff().Build();
        var application = A.Case(A.Applicant().Build()).HeldBy(examiner).Build();
        var at = new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc);

        Assert.True(application.Receive(examiner.ToActor(), "東オンE26000001", at).Succeeded);

        Assert.Equal("東オンE26000001", application.ReceptionNumber);
        Assert.Equal(at, application.ReceivedAt);
    }

    [Fact]
    public void Resubmit_AfterReturn_CountsTheRoundAndPausesTheClockWhileWaiting()
    {
        var owner = A.Applicant().Build();
        var examiner = A.Staff().Build();
        var start = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
        var application = A.Case(owner).InStatus(ApplicationStatus.InReturnProcess).HeldBy(examiner).Build(start);

        var result = application.Resubmit(new Actor(ActorRole.Applicant, owner.Id, owner.NameEnglish), "{\"fixed\":true}", start.AddDays(3));

        Assert.True(result.Succeeded);
        Assert.Equal(ApplicationStatus.UnderReview, application.Status);
        Assert.Equal(1, application.CorrectionRound);
        Assert.Equal("{\"fixed\":true}", application.Payload);
        Assert.Equal(TimeSpan.FromDays(3), application.PausedDuration);
    }

    [Fact]
    public void Submit_IsNeverATransitionFromAnExistingCase()
    {
        var owner = A.Applicant().Build();
        var application = A.Case(owner).Build();

        var result = application.Apply(CaseAction.Submit, new Actor(ActorRole.Applicant, owner.Id, "X"), DateTime.UtcNow);

        Assert.Equal("case.illegal-transition", result.Error?.Code);
    }

    [Fact]
    public void Submit_ByAnotherApplicant_Throws()
    {
        var owner = A.Applicant().Build();
        var input = new NewApplication(4, Workflow.Application, owner.Id, 3, "R1", "X", 1, "{}");

        Assert.Throws<InvalidOperationException>(() =>
            Application.Submit(input, new Actor(ActorRole.Applicant, Guid.NewGuid(), "OTHER"), DateTime.UtcNow));
    }

    private static string? InputFor(CaseAction action) => action switch
    {
        CaseAction.Receive => "東オンE26999999",
        CaseAction.ReturnForCorrection or CaseAction.Deny or CaseAction.FlagRegistrationError => "Reasons for the applicant.",
        _ => null,
    };
}
