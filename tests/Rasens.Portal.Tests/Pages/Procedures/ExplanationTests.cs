using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>A procedure's explanation (Explanation.cshtml): unknown procedures, and the gate of the request for use.</summary>
public sealed class ExplanationTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task Explanation_UnknownProcedure_IsNotFound()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();
        await client.LoginAsync(applicant.UserName!);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Procedures/no-such-procedure", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Procedures/no-such-procedure/Favourite", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Procedures_NeedingUsage_AreRefusedUntilApproved_AndTheUsageRequestCannotBeRepeated()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync();

        var extension = await client.GetStringAsync("/Procedures/extension-of-stay", TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"usage.required\"", extension, StringComparison.Ordinal);
        Assert.Contains("href=\"/Procedures/usage-request-residence\"", extension, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"agree\"", extension, StringComparison.Ordinal);

        var examiner = A.Staff().Build();
        await app.Database.SeedAsync(examiner);
        var request = A.Case(applicant).Notification().ForProcedure(Rasens.Data.Procedures.ProcedureKind.UsageRequestResidence).Build();
        await app.Database.SeedAsync(request);

        var pending = await client.GetStringAsync("/Procedures/usage-request-residence", TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"usage.pending\"", pending, StringComparison.Ordinal);
        var refusedPost = await (await client.PostFormAsync("/UsageRequest/ResidenceApplications/About", new Dictionary<string, string>())).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"usage.pending\"", refusedPost, StringComparison.Ordinal);

        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == request.Id, TestContext.Current.CancellationToken);
            Assert.True(stored.Claim(examiner.ToActor(), DateTime.UtcNow).Succeeded);
            Assert.True(stored.Receive(examiner.ToActor(), null, DateTime.UtcNow).Succeeded);
            Assert.True(stored.Register(examiner.ToActor(), DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var approved = await client.GetStringAsync("/Procedures/extension-of-stay", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("data-code=\"usage.required\"", approved, StringComparison.Ordinal);
        Assert.Contains("data-code=\"usage.required\"", await client.GetStringAsync("/Procedures/institution-or-spouse-notification", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
