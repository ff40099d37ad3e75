using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;
using Rasens.Testing;
using static Rasens.Portal.Tests.PortalSteps;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>
/// Entering a procedure's form and applying (Apply.cshtml.cs), for the notification and the residence forms:
/// errors keep everything, confirmation, Return to Input, Apply once, numbers, office and e-mail; script tags and
/// very long strings in every text field of every form refused at the field, echoed escaped, nothing made. The
/// attachment handlers every entry page shares are in <see cref="Infrastructure.EntryPageModelTests"/>; save, load
/// and reuse in <see cref="ApplySaveLoadTests"/>.
/// </summary>
public sealed class ApplyTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Page = "/Procedures/institution-or-spouse-notification/Apply";

    private const string Extension = "/Procedures/extension-of-stay/Apply";

    private const string Script = "<script>alert('x')</script>";

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

    [Fact]
    public async Task Apply_ExtensionWithPhotoAndDocuments_ConfirmBackApplyTwice_MakesOneCaseWithItsFiles()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));

        var attached = await Html(await client.PostFilesAsync(Extension, "Attach", fields,
            new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"),
            new FilePart("Documents", "在学証明書.pdf", TestFiles.Pdf("Certificate of enrolment"), "application/pdf"),
            new FilePart("Documents", "transcript.pdf", TestFiles.Pdf("Transcript", pages: 2), "application/pdf")));
        Assert.Contains("data-testid=\"attached-files\"", attached, StringComparison.Ordinal);
        Assert.Contains("在学証明書.pdf", attached, StringComparison.Ordinal);
        Assert.Contains("value=\"NGUYEN,VAN AN\"", attached, StringComparison.Ordinal); // attaching keeps what was typed

        var confirm = await Html(await client.PostHandlerAsync(Extension, "Confirm", fields));
        Assert.Contains("data-testid=\"confirmation\"", confirm, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"attachment-summary\"", confirm, StringComparison.Ordinal);
        Assert.Contains("transcript.pdf", confirm, StringComparison.Ordinal);
        var back = await Html(await client.PostHandlerAsync(Extension, "Back", fields));
        Assert.Contains("photo.jpg", back, StringComparison.Ordinal); // Return to Input keeps the files too
        Assert.Contains("value=\"亀川町１丁目２番３号\"", back, StringComparison.Ordinal);

        var applied = await client.PostHandlerAsync(Extension, "Apply", fields);
        var again = await client.PostHandlerAsync(Extension, "Apply", fields);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(applied.Headers.Location, again.Headers.Location);
        await using var db = app.Database.CreateContext();
        var made = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ExtensionOfPeriodOfStay, Ct);
        Assert.Equal(ApplicationStatus.Pending, made.Status);
        Assert.Matches("^東仮E26[0-9]{6}$", made.TemporaryReceptionNumber);
        Assert.Null(made.NotificationReceiptNumber);
        Assert.Equal("NGUYEN,VAN AN", made.ApplicantName);
        var files = await db.Attachments.Where(a => a.ApplicationId == made.Id).ToListAsync(Ct);
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Null(f.DraftId));
        Assert.Single(files, f => f.Kind == AttachmentKind.FacialPhoto);
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "application-received"));
        Assert.Equal(0, await app.CountEmailsAsync(applicant.Email!, "notification-receipt-number"));
    }

    [Fact]
    public async Task Confirm_WithoutThePhoto_IsRefusedAtTheTopAndKeepsEverything()
    {
        var (client, _) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");

        var html = await Html(await client.PostHandlerAsync(Extension, "Confirm", FormExamples.Extension().AsFormFields(("SubmissionKey", key))));

        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#attachments-title\"", html, StringComparison.Ordinal);
        Assert.Contains("顔写真は必須です", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"confirmation\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"NGUYEN,VAN AN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ChangeOfStatusAtTheFukuokaCounter_IsHandledByFukuoka()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        const string page = "/Procedures/change-of-status/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");
        var fields = FormExamples.ChangeOfStatus().AsFormFields(("SubmissionKey", key));
        await client.PostFilesAsync(page, "Attach", fields, new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostHandlerAsync(page, "Apply", fields)).StatusCode);

        await using var db = app.Database.CreateContext();
        var made = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ChangeOfStatusOfResidence, Ct);
        Assert.Equal(10, made.OfficeId);
        Assert.StartsWith("福仮C", made.TemporaryReceptionNumber, StringComparison.Ordinal);
        Assert.Equal("ENGINEER_HUMANITIES", made.StatusOfResidenceCode);
    }

    [Fact]
    public async Task Apply_ExtensionWithSimultaneousApplications_RecordsThemAndCopiesCommonItems()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var values = FormExamples.Extension().WithReEntryAndPartTimeWork();
        values["familyInJapan"] = "YES";
        (values["family.0.relationship"], values["family.0.name"], values["family.0.dateOfBirth"], values["family.0.nationality"], values["family.0.residingWith"])
            = ("SPOUSE", "NGUYEN THI BINH", "2001-05-06", "Viet Nam", "YES");
        var fields = values.AsFormFields(("SubmissionKey", key));
        await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"));

        var confirm = await Html(await client.PostHandlerAsync(Extension, "Confirm", fields));
        Assert.Contains("再入国許可申請（同時申請）", confirm, StringComparison.Ordinal);
        Assert.Contains("在日親族・同居者 1", confirm, StringComparison.Ordinal);
        await client.PostHandlerAsync(Extension, "Apply", fields);

        await using var db = app.Database.CreateContext();
        var made = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ExtensionOfPeriodOfStay, Ct);
        Assert.Equal(SimultaneousApplications.ReEntryPermit | SimultaneousApplications.ActivityOtherThanPermitted, made.Simultaneous);
        var payload = Rasens.Data.Forms.CaseFields.Values(made.Payload);
        Assert.Equal("NGUYEN,VAN AN", payload["reentry.nameEnglish"]);
        Assert.Equal("NGUYEN THI BINH", payload["family.0.name"]); // rows of a repeating section survive the browser's posting
    }

    [Fact]
    public async Task Apply_AuthorizedEmployment_NeedsNoPhoto()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        const string page = "/Procedures/authorized-employment/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");

        var applied = await client.PostHandlerAsync(page, "Apply", FormExamples.AuthorizedEmployment().AsFormFields(("SubmissionKey", key)));

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.Applications.AnyAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.AuthorizedEmploymentCertificate, Ct));
    }

    [Fact]
    public async Task ChangeOfMethodOfReceipt_OwnOpenApplication_IsAccepted_AnotherApplicantsNumberIsUnknown()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var own = await SubmittedExtensionAsync(client);
        var (stranger, _) = await app.LoggedInResidenceApplicantAsync();
        var foreign = await SubmittedExtensionAsync(stranger);
        const string page = "/Procedures/change-of-receipt-method/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");

        var refused = await Html(await client.PostHandlerAsync(page, "Confirm", FormExamples.ChangeOfMethodOfReceipt(foreign).AsFormFields(("SubmissionKey", key))));
        var applied = await client.PostHandlerAsync(page, "Apply", FormExamples.ChangeOfMethodOfReceipt(own).AsFormFields(("SubmissionKey", key)));

        Assert.Contains("href=\"#f_temporaryReceptionNumber\"", refused, StringComparison.Ordinal);
        Assert.Contains("この番号のあなたの申請は見つかりません", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        await using var db = app.Database.CreateContext();
        var change = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ChangeOfMethodOfReceipt, Ct);
        Assert.Null(change.NotificationReceiptNumber);
        Assert.Equal(own, Rasens.Data.Forms.CaseFields.Values(change.Payload)["temporaryReceptionNumber"]);
    }

    public static TheoryData<string, ProcedureKind> Forms() => new()
    {
        { "institution-or-spouse-notification", ProcedureKind.InstitutionOrSpouseNotification },
        { "extension-of-stay", ProcedureKind.ExtensionOfPeriodOfStay },
        { "change-of-status", ProcedureKind.ChangeOfStatusOfResidence },
        { "authorized-employment", ProcedureKind.AuthorizedEmploymentCertificate },
        { "change-of-receipt-method", ProcedureKind.ChangeOfMethodOfReceipt },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task ScriptTagsAndLongStrings_InEveryTextField_AreEscapedRefusedAndNothingIsMade(string code, ProcedureKind procedure)
    {
        var usage = procedure == ProcedureKind.InstitutionOrSpouseNotification ? ProcedureKind.UsageRequestNotifications : ProcedureKind.UsageRequestResidence;
        var (client, applicant) = await app.LoggedInApplicantAsync(approved: true, usage);
        var page = $"/Procedures/{code}/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");
        var form = FormDefinitions.For(procedure)!;
        var texts = form.Sections.Where(s => s.MaxRepeat == 0).SelectMany(s => s.Fields.Select(f => f with { ShowWhen = f.ShowWhen ?? s.ShowWhen }))
            .Where(f => f.Kind is FieldKind.Text or FieldKind.Textarea).ToList();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["SubmissionKey"] = key };
        for (var i = 0; i < texts.Count; i++)
        {
            // Alternate: a script tag, and a string far beyond any limit (the browser's maxlength is not a defence).
            fields[$"Values[{texts[i].Key}]"] = i % 2 == 0 ? Script : new string('Ａ', 5000) + Script;
        }

        var html = await (await client.PostHandlerAsync(page, "Confirm", fields)).Content.ReadAsStringAsync(Ct);
        var applied = await client.PostHandlerAsync(page, "Apply", fields);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"confirmation\"", html, StringComparison.Ordinal);
        // (Fields carry their section's condition here: nothing is chosen, so only unconditional ones are shown.)
        // Every shown field given the long string, or a script tag where a format is required, is named in the
        // error summary; a short script tag in a free-text field is simply text (and was escaped above).
        foreach (var field in texts.Where((f, i) => f.ShowWhen is null && (i % 2 == 1 || f.Format != FieldFormat.None)))
        {
            Assert.Contains($"href=\"#{Rasens.Portal.Infrastructure.ProcedureFormView.Id(field.Key)}\"", html, StringComparison.Ordinal);
        }

        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, applied.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Applications.AnyAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)procedure, Ct));
    }

    public static TheoryData<string, ProcedureKind, string> Chosen() => new()
    {
        { "institution-or-spouse-notification", ProcedureKind.InstitutionOrSpouseNotification, "leaving" },
        { "institution-or-spouse-notification", ProcedureKind.InstitutionOrSpouseNotification, "spouse" },
        { "extension-of-stay", ProcedureKind.ExtensionOfPeriodOfStay, "simultaneous" },
        { "change-of-status", ProcedureKind.ChangeOfStatusOfResidence, "plain" },
        { "authorized-employment", ProcedureKind.AuthorizedEmploymentCertificate, "plain" },
    };

    /// <summary>
    /// The fields shown only after a choice (spouse, criminal record details, family rows, re-entry, work): with
    /// those choices made, a very long string with a script tag in every text field shown is refused at each.
    /// </summary>
    [Theory]
    [MemberData(nameof(Chosen))]
    public async Task LongStringsWithScript_InEveryFieldAChoiceShows_AreRefusedAtEachAndNothingIsMade(string code, ProcedureKind procedure, string variant)
    {
        var usage = procedure == ProcedureKind.InstitutionOrSpouseNotification ? ProcedureKind.UsageRequestNotifications : ProcedureKind.UsageRequestResidence;
        var (client, applicant) = await app.LoggedInApplicantAsync(approved: true, usage);
        var page = $"/Procedures/{code}/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");
        var values = variant switch
        {
            "leaving" => FormExamples.LeavingNotification(),
            "spouse" => new Dictionary<string, string>(FormExamples.LeavingNotification()) { ["statusOfResidence"] = "SPOUSE_OF_JAPANESE", ["content"] = "SPOUSE_DIVORCE" },
            "simultaneous" => new Dictionary<string, string>(FormExamples.Extension().WithReEntryAndPartTimeWork()) { ["criminalRecord"] = "YES", ["familyInJapan"] = "YES" },
            _ when procedure == ProcedureKind.ChangeOfStatusOfResidence => FormExamples.ChangeOfStatus(),
            _ => FormExamples.AuthorizedEmployment(),
        };
        var form = FormDefinitions.For(procedure)!;
        var shown = new List<string>();
        foreach (var section in form.Sections.Where(s => FormDefinition.Shown(s.ShowWhen, values)))
        {
            foreach (var field in section.Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.Textarea))
            {
                if (section.MaxRepeat > 0)
                {
                    shown.Add(FormDefinition.RowKey(section, 0, field)); // the first row of a repeating section
                }
                else if (FormDefinition.Shown(field.ShowWhen, values))
                {
                    shown.Add(field.Key);
                }
            }
        }

        var fields = values.AsFormFields(("SubmissionKey", key));
        foreach (var field in shown)
        {
            fields[$"Values[{field}]"] = new string('Ａ', 5000) + Script;
        }

        var html = await (await client.PostHandlerAsync(page, "Confirm", fields)).Content.ReadAsStringAsync(Ct);
        var applied = await client.PostHandlerAsync(page, "Apply", fields);

        Assert.True(shown.Count >= 3, $"{code} ({variant}): only {shown.Count} text fields shown");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"confirmation\"", html, StringComparison.Ordinal);
        foreach (var field in shown)
        {
            Assert.Contains($"href=\"#{Rasens.Portal.Infrastructure.ProcedureFormView.Id(field)}\"", html, StringComparison.Ordinal);
        }

        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, applied.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Applications.AnyAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)procedure, Ct));
    }

    /// <summary>Applies for an extension through the pages; returns its temporary reception number.</summary>
    private async Task<string> SubmittedExtensionAsync(HttpClient client)
    {
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));
        await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"));
        var location = (await client.PostHandlerAsync(Extension, "Apply", fields)).Headers.Location!.OriginalString;
        var id = long.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = app.Database.CreateContext();
        return (await db.Applications.SingleAsync(a => a.Id == id, Ct)).TemporaryReceptionNumber!;
    }

    private static Dictionary<string, string> Fields(string key) => FormExamples.LeavingNotification().AsFormFields(("SubmissionKey", key));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string> Html(HttpResponseMessage response) => response.Content.ReadAsStringAsync();
}
