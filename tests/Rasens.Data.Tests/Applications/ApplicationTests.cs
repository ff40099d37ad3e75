using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Events;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>
/// The case's answers to "may I?" — claim, release, assign — for every workflow × every reachable status × who
/// holds it × every kind of actor, and the actions themselves agreeing with the answers. The expectations are
/// written out from the rules (DOMAIN §7: examiners and supervisors claim; one holder; the holder lets go, a
/// supervisor may force-release; only a supervisor assigns; nothing is taken or given once final). Then the claim,
/// release and assign transitions one by one: the holder recorded, the event raised, the refusal's code and wording.
/// </summary>
public sealed class ApplicationTests
{
    private readonly ApplicantUser _owner = A.Applicant().Build();

    public enum Holding
    {
        Nobody,
        TheActor,
        SomeoneElse,
    }

    public enum Who
    {
        Owner,
        OtherApplicant,
        Examiner,
        Supervisor,
        Administrator,
        System,
        Anonymous,
    }

    public static TheoryData<Workflow, ApplicationStatus, Holding, Who> EveryCase()
    {
        var data = new TheoryData<Workflow, ApplicationStatus, Holding, Who>();
        foreach (var workflow in Enum.GetValues<Workflow>())
        {
            foreach (var status in Enum.GetValues<ApplicationStatus>().Where(s => CaseBuilder.Reachable(workflow, s)))
            {
                foreach (var holding in Enum.GetValues<Holding>())
                {
                    foreach (var who in Enum.GetValues<Who>())
                    {
                        // Only staff who may hold a case can be its holder.
                        if (holding != Holding.TheActor || who is Who.Examiner or Who.Supervisor)
                        {
                            data.Add(workflow, status, holding, who);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void ClaimRefusal_EveryActorStatusAndHolder_AnswersTheRuleAndClaimAgrees(Workflow workflow, ApplicationStatus status, Holding holding, Who who)
    {
        var (application, actor, holder) = Arrange(workflow, status, holding, who);
        var expected = !IsExaminerOrSupervisor(who) ? "case.role-not-permitted"
            : status.IsFinal() ? "case.not-claimable"
            : holding == Holding.TheActor ? "case.already-holder"
            : holding == Holding.SomeoneElse ? "case.already-taken"
            : null;

        var refusal = application.ClaimRefusal(actor);
        var events = application.Events.Count;
        var result = application.Claim(actor, DateTime.UtcNow);

        Assert.Equal(expected, refusal?.Code);
        if (expected == "case.already-taken")
        {
            Assert.Contains(holder!.Name, refusal!.Message, StringComparison.Ordinal);
        }

        // Claim asks the same question: it succeeds exactly when the answer is "yes", and a repeated claim by the
        // holder is harmless (already done, nothing raised).
        if (expected is null)
        {
            Assert.True(result.Succeeded);
            Assert.Equal((actor.Id, events + 1), (application.AssigneeId!.Value, application.Events.Count));
        }
        else if (expected == "case.already-holder")
        {
            Assert.True(result.Succeeded);
            Assert.Equal((actor.Id, events), (application.AssigneeId!.Value, application.Events.Count));
        }
        else
        {
            Assert.Equal(refusal, result.Error);
            Assert.Equal((holder?.Id, events), (application.AssigneeId, application.Events.Count));
        }
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void ReleaseRefusal_EveryActorStatusAndHolder_AnswersTheRuleAndReleaseAgrees(Workflow workflow, ApplicationStatus status, Holding holding, Who who)
    {
        var (application, actor, holder) = Arrange(workflow, status, holding, who);
        var expected = holding == Holding.Nobody ? "case.not-held"
            : holding == Holding.TheActor || who == Who.Supervisor ? null
            : who == Who.Examiner ? "case.not-holder"
            : "case.not-supervisor";

        var refusal = application.ReleaseRefusal(actor);
        var result = application.Release(actor);

        Assert.Equal(expected, refusal?.Code);
        Assert.Equal(refusal, result.Error);
        Assert.Equal(expected is null ? null : holder?.Id, application.AssigneeId);
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void AssignRefusal_EveryActorStatusAndHolder_AnswersTheRuleAndAssignAgrees(Workflow workflow, ApplicationStatus status, Holding holding, Who who)
    {
        var (application, actor, holder) = Arrange(workflow, status, holding, who);
        var expected = who != Who.Supervisor ? "case.not-supervisor"
            : status.IsFinal() ? "case.not-claimable"
            : null;
        var target = A.Staff().Build();

        var refusal = application.AssignRefusal(actor);
        var result = application.Assign(actor, target.Id, target.DisplayName, DateTime.UtcNow);

        Assert.Equal(expected, refusal?.Code);
        Assert.Equal(refusal, result.Error);
        Assert.Equal(expected is null ? target.Id : holder?.Id, application.AssigneeId);
    }

    [Theory]
    [InlineData(Workflow.Application, CaseAction.ReturnForCorrection, true)]
    [InlineData(Workflow.Notification, CaseAction.FlagRegistrationError, false)]
    public void CorrectionAction_IsTheWorkflowsWayBackToTheApplicant(Workflow workflow, CaseAction action, bool needsItems)
    {
        var builder = A.Case(A.Applicant().Build());
        var application = (workflow == Workflow.Notification ? builder.Notification() : builder).Build();

        Assert.Equal(action, application.CorrectionAction);
        Assert.Equal(needsItems, application.CorrectionNeedsItems);
        // The action named is the one the state machine has for this workflow.
        Assert.Contains(StatusTransitions.All, t => t.Workflow == workflow && t.Action == action);
    }

    [Fact]
    public void Claim_UnheldCase_MakesTheExaminerTheHolder()
    {
        var examiner = A.Staff().Build();
        var application = A.Case(_owner).Build();

        Assert.True(application.Claim(examiner.ToActor(), DateTime.UtcNow).Succeeded);

        Assert.Equal(examiner.Id, application.AssigneeId);
        Assert.Equal(examiner.DisplayName, application.AssigneeName);
        Assert.IsType<CaseClaimed>(application.Events[^1]);
    }

    [Fact]
    public void Claim_HeldBySomeoneElse_SaysWhoHasIt()
    {
        var first = A.Staff().Build();
        var second = A.Staff().Build();
        var application = A.Case(_owner).HeldBy(first).Build();

        var result = application.Claim(second.ToActor(), DateTime.UtcNow);

        Assert.Equal("case.already-taken", result.Error?.Code);
        Assert.Contains(first.DisplayName, result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(first.Id, application.AssigneeId);
    }

    [Fact]
    public void Claim_ByTheHolderAgain_IsHarmless()
    {
        var examiner = A.Staff().Build();
        var application = A.Case(_owner).HeldBy(examiner).Build();
        var events = application.Events.Count;

        Assert.True(application.Claim(examiner.ToActor(), DateTime.UtcNow).Succeeded);
        Assert.Equal(events, application.Events.Count);
    }

    [Theory]
    [InlineData(StaffRole.Administrator)]
    public void Claim_ByAdministrator_IsRefused(StaffRole role)
    {
        var application = A.Case(_owner).Build();

        Assert.Equal("case.role-not-permitted", application.Claim(A.Staff(role).Build().ToActor(), DateTime.UtcNow).Error?.Code);
        Assert.Null(application.AssigneeId);
    }

    [Fact]
    public void Claim_ByApplicant_IsRefused()
    {
        var application = A.Case(_owner).Build();

        var result = application.Claim(new Actor(ActorRole.Applicant, _owner.Id, "X"), DateTime.UtcNow);

        Assert.False(result.Succeeded);
        Assert.Null(application.AssigneeId);
    }

    [Fact]
    public void Claim_FinalCase_IsRefused()
    {
        var examiner = A.Staff().Build();
        var application = A.Case(_owner).InStatus(ApplicationStatus.Completed).HeldBy(examiner).Build();
        Assert.True(application.Release(examiner.ToActor()).Succeeded);

        Assert.Equal(CaseErrors.NotClaimable, application.Claim(examiner.ToActor(), DateTime.UtcNow).Error);
    }

    [Fact]
    public void Release_ByAnotherExaminer_IsRefused()
    {
        var holder = A.Staff().Build();
        var application = A.Case(_owner).HeldBy(holder).Build();

        Assert.Equal("case.not-holder", application.Release(A.Staff().Build().ToActor()).Error?.Code);
        Assert.Equal(holder.Id, application.AssigneeId);
    }

    [Fact]
    public void Release_BySupervisor_ForceReleasesAnyone()
    {
        var holder = A.Staff().Build();
        var application = A.Case(_owner).HeldBy(holder).Build();

        Assert.True(application.Release(A.Staff(StaffRole.Supervisor).Build().ToActor()).Succeeded);

        Assert.Null(application.AssigneeId);
        Assert.IsType<CaseReleased>(application.Events[^1]);
    }

    [Fact]
    public void Release_Unheld_IsRefused()
    {
        var application = A.Case(_owner).Build();

        Assert.Equal(CaseErrors.NotHeld, application.Release(A.Staff(StaffRole.Supervisor).Build().ToActor()).Error);
    }

    [Fact]
    public void Assign_BySupervisor_ReassignsAndRecordsPreviousHolder()
    {
        var first = A.Staff().Build();
        var second = A.Staff().Build();
        var application = A.Case(_owner).HeldBy(first).Build();

        Assert.True(application.Assign(A.Staff(StaffRole.Supervisor).Build().ToActor(), second.Id, second.DisplayName, DateTime.UtcNow).Succeeded);

        Assert.Equal(second.Id, application.AssigneeId);
        var assigned = Assert.IsType<CaseAssigned>(application.Events[^1]);
        Assert.Equal(first.Id, assigned.PreviousHolderId);
    }

    [Fact]
    public void Assign_ByExaminer_IsRefused()
    {
        var examiner = A.Staff().Build();
        var application = A.Case(_owner).Build();

        Assert.Equal(CaseErrors.NotSupervisor, application.Assign(examiner.ToActor(), examiner.Id, examiner.DisplayName, DateTime.UtcNow).Error);
        Assert.Null(application.AssigneeId);
    }

    /// <summary>A case in <paramref name="status"/> held as asked, and the actor asking.</summary>
    private static (Application Application, Actor Actor, Actor? Holder) Arrange(Workflow workflow, ApplicationStatus status, Holding holding, Who who)
    {
        var owner = A.Applicant().Build();
        var actor = who switch
        {
            Who.Owner => owner.ToActor(),
            Who.OtherApplicant => A.Applicant().Build().ToActor(),
            Who.Examiner => A.Staff(StaffRole.Examiner).Build().ToActor(),
            Who.Supervisor => A.Staff(StaffRole.Supervisor).Build().ToActor(),
            Who.Administrator => A.Staff(StaffRole.Administrator).Build().ToActor(),
            Who.System => Actor.System,
            Who.Anonymous => new Actor(ActorRole.Anonymous, Guid.Empty, "SOMEONE"),
        };
        var walker = holding == Holding.TheActor ? actor : A.Staff().Build().ToActor();
        var builder = A.Case(owner).InStatus(status).HeldBy(walker);
        var application = (workflow == Workflow.Notification ? builder.Notification() : builder).Build();
        // The builder's examiner walked the case to its status; let go unless someone is to hold it.
        if (holding == Holding.Nobody)
        {
            Assert.True(application.Release(walker).Succeeded);
        }

        return (application, actor, holding == Holding.Nobody ? null : walker);
    }

    private static bool IsExaminerOrSupervisor(Who who) => who switch
    {
        Who.Examiner or Who.Supervisor => true,
        Who.Owner or Who.OtherApplicant or Who.Administrator or Who.System or Who.Anonymous => false,
    };
}
