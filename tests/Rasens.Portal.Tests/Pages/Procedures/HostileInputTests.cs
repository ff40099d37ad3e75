using Microsoft.EntityFrameworkCore;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>Script tags and very long strings in every text field of every form: refused at the field, echoed escaped, nothing made.</summary>
public sealed class HostileInputTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Script = "<script>alert('x')</script>";

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
            "leaving" => PortalSteps.LeavingNotification(),
            "spouse" => new Dictionary<string, string>(PortalSteps.LeavingNotification()) { ["statusOfResidence"] = "SPOUSE_OF_JAPANESE", ["content"] = "SPOUSE_DIVORCE" },
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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
