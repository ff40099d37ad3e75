using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Events;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

public sealed class ClaimingTests
{
    private readonly ApplicantUser _owner = A.Applicant().Build();

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
}
