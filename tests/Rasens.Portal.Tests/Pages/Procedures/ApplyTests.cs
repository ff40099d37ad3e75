using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>The notification form through the pages: errors keep everything, confirmation, Return to Input, Apply once.</summary>
public sealed class ApplyTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Page = "/Procedures/institution-or-spouse-notification/Apply";

    [Fact]
    public async Task Apply_Notification_ConfirmBackApplyAndResend_MakesOneCaseWithBothNumbers()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync(approved: true);
        var form = await client.OpenEntryAsync(Page);
        var key = PortalSteps.HiddenValue(form, "SubmissionKey");
        Assert.Contains($"value=\"{applicant.NameEnglish}\"", form, StringComparison.Ordinal); // prefilled from the account

        var confirm = await Html(await client.PostHandlerAsync(Page, "Confirm", Fields(key)));
        Assert.Contains("data-testid=\"confirmation\"", confirm, StringComparison.Ordinal);
        Assert.Contains("留学", confirm, StringComparison.Ordinal); // the choice's text, not its code
        Assert.Contains("離脱", confirm, StringComparison.Ordinal);

        var back = await Html(await client.PostHandlerAsync(Page, "Back", Fields(key)));
        Assert.Contains("value=\"東京大学\"", back, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ORG_LEAVING\" selected=\"selected\"", back, StringComparison.Ordinal);

        var applied = await client.PostHandlerAsync(Page, "Apply", Fields(key));
        var resent = await client.PostHandlerAsync(Page, "Apply", Fields(key));
        Assert.Equal(applied.Headers.Location, resent.Headers.Location);
        var completed = await client.GetStringAsync(applied.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);
        Assert.Matches("data-testid=\"notification-receipt-number\">届26[0-9]{8}<", completed);
        await using var db = app.Database.CreateContext();
        var cases = await db.Applications.Where(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.InstitutionOrSpouseNotification).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ApplicationStatus.Pending, Assert.Single(cases).Status);
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "notification-receipt-number"));
    }

    [Fact]
    public async Task Confirm_MissingAndBadValues_AreListedLinkedAndEverythingTypedIsKept()
    {
        var (client, _) = await app.LoggedInApplicantAsync(approved: true);
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Page), "SubmissionKey");
        var fields = Fields(key);
        fields["Values[eventDate]"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        fields["Values[formerPostalCode]"] = "113-8654";
        fields["Values[nationality]"] = "";
        fields["Values[formerName]"] = "<script>alert('x')</script>";

        var html = await Html(await client.PostHandlerAsync(Page, "Confirm", fields));

        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#f_eventDate\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#f_formerPostalCode\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#f_nationality\"", html, StringComparison.Ordinal);
        Assert.Contains("未来の日付は入力できません", html, StringComparison.Ordinal);
        Assert.Contains("value=\"113-8654\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert('x')</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_OnlyTheContentsOfTheChosenStatusAreAvailable()
    {
        var (client, _) = await app.LoggedInApplicantAsync(approved: true);
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Page), "SubmissionKey");
        var fields = new Dictionary<string, string> { ["SubmissionKey"] = key, ["Values[statusOfResidence]"] = "SPOUSE_OF_JAPANESE" };

        var html = await Html(await client.PostHandlerAsync(Page, "Refresh", fields));

        Assert.Matches("<option value=\"SPOUSE_DIVORCE\"[^>]*data-parents=\"[^\"]*SPOUSE_OF_JAPANESE", html);
        Assert.DoesNotMatch("<option value=\"ORG_LEAVING\"(?![^>]*hidden)[^>]*>", html);
    }

    [Fact]
    public async Task Apply_WithoutApprovedRequestForUse_IsRefusedOnTheFormItself()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();
        await client.LoginAsync(applicant.UserName!);

        var html = await client.OpenEntryAsync(Page);

        Assert.Contains("data-code=\"usage.required\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completed_SomeoneElsesCase_IsNotFound()
    {
        var (owner, _) = await app.LoggedInApplicantAsync(approved: true);
        var key = PortalSteps.HiddenValue(await owner.OpenEntryAsync(Page), "SubmissionKey");
        var applied = await owner.PostHandlerAsync(Page, "Apply", Fields(key));
        var (stranger, _) = await app.LoggedInApplicantAsync(approved: true);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(applied.Headers.Location!.OriginalString, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Apply_WithoutAntiforgeryToken_IsRefusedAndMakesNothing()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync(approved: true);
        using var content = new FormUrlEncodedContent(Fields(Guid.NewGuid().ToString()));

        var response = await client.PostAsync(Page + "?handler=Apply", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Applications.AnyAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.InstitutionOrSpouseNotification, TestContext.Current.CancellationToken));
    }


    [Fact]
    public async Task EntryForm_OpensOnlyAfterAgreeingToTheTerms_OfThatProcedure()
    {
        var (client, _) = await app.LoggedInApplicantAsync(approved: true);
        var straight = await client.GetAsync(Page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, straight.StatusCode);
        Assert.Equal("/Procedures/institution-or-spouse-notification", straight.Headers.Location?.OriginalString);

        var form = await client.OpenEntryAsync(Page); // Agree, then the form
        Assert.Contains("name=\"SubmissionKey\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page, TestContext.Current.CancellationToken)).StatusCode); // kept for the day

        // Agreeing to one procedure opens no other.
        var (resident, _) = await app.LoggedInApplicantAsync(approved: true, usage: ProcedureKind.UsageRequestResidence);
        await resident.OpenEntryAsync("/Procedures/extension-of-stay/Apply");
        var other = await resident.GetAsync("/Procedures/change-of-status/Apply", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("/Procedures/change-of-status", other.Headers.Location?.OriginalString);
    }

    private static Dictionary<string, string> Fields(string key) => PortalSteps.LeavingNotification().AsFormFields(("SubmissionKey", key));

    private static Task<string> Html(HttpResponseMessage response) => response.Content.ReadAsStringAsync();
}
