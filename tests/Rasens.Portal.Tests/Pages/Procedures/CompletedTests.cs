using System.Net;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>The page after Apply (Completed.cshtml): only the applicant's own case.</summary>
public sealed class CompletedTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Page = "/Procedures/institution-or-spouse-notification/Apply";

    [Fact]
    public async Task Completed_SomeoneElsesCase_IsNotFound()
    {
        var (owner, _) = await app.LoggedInApplicantAsync(approved: true);
        var key = PortalSteps.HiddenValue(await owner.OpenEntryAsync(Page), "SubmissionKey");
        var applied = await owner.PostHandlerAsync(Page, "Apply", Fields(key));
        var (stranger, _) = await app.LoggedInApplicantAsync(approved: true);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(applied.Headers.Location!.OriginalString, TestContext.Current.CancellationToken)).StatusCode);
    }

    private static Dictionary<string, string> Fields(string key) => FormExamples.LeavingNotification().AsFormFields(("SubmissionKey", key));
}
