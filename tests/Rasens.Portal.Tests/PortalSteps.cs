using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Messaging;
using Rasens.Data.Notices;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Portal.Tests;

/// <summary>What an applicant does in a browser, as steps the tests share; e-mails are read from the outbox.</summary>
public static partial class PortalSteps
{
    public const string Password = "Correct-Horse9";

    /// <summary>
    /// A new applicant, logged in; with <paramref name="approved"/> their request for use (for notifications, or
    /// <paramref name="usage"/>) is approved.
    /// </summary>
    public static async Task<(HttpClient Client, ApplicantUser Applicant)> LoggedInApplicantAsync(
        this IWebApp app, bool approved = false, ProcedureKind usage = ProcedureKind.UsageRequestNotifications)
    {
        var applicant = approved ? await app.Database.SeedApprovedApplicantAsync(usage) : await app.Database.SeedApplicantAsync();
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode);
        return (client, applicant);
    }

    /// <summary>A new applicant, logged in, approved for the residence procedures (extension of stay and the like).</summary>
    public static Task<(HttpClient Client, ApplicantUser Applicant)> LoggedInResidenceApplicantAsync(this IWebApp app) =>
        app.LoggedInApplicantAsync(approved: true, usage: ProcedureKind.UsageRequestResidence);

    /// <summary>A new applicant, logged in, and a new examiner to hold their cases.</summary>
    public static async Task<(HttpClient Client, ApplicantUser Applicant, StaffUser Examiner)> LoggedInWithExaminerAsync(this IWebApp app)
    {
        var examiner = A.Staff().Build();
        await app.Database.SeedAsync(examiner);
        var (client, applicant) = await app.LoggedInApplicantAsync();
        return (client, applicant, examiner);
    }

    /// <summary>
    /// Three notifications with the same entries (former organisation "前回の大学"): the applicant's own from 100 days
    /// ago, which may be reused, their own from 800 days ago, too old, and someone else's.
    /// </summary>
    public static async Task<(Application Recent, Application Old, Application Theirs)> SeedPastNotificationsAsync(this IWebApp app, ApplicantUser applicant)
    {
        var other = await app.Database.SeedApplicantAsync();
        var payload = JsonSerializer.Serialize(new Dictionary<string, string> { ["statusOfResidence"] = "STUDENT", ["content"] = "ORG_LEAVING", ["formerName"] = "前回の大学" });
        var recent = A.Case(applicant).Notification().WithPayload(payload).Build(DateTime.UtcNow.AddDays(-100));
        var old = A.Case(applicant).Notification().WithPayload(payload).Build(DateTime.UtcNow.AddDays(-800));
        var theirs = A.Case(other).Notification().WithPayload(payload).Build();
        await app.Database.SeedAsync(recent, old, theirs);
        return (recent, old, theirs);
    }

    /// <summary>No notices at all, for tests that count them (each notice test class has a database of its own).</summary>
    public static async Task DeleteNoticesAsync(this IWebApp app)
    {
        await using var db = app.Database.CreateContext();
        await db.GeneralNotices.ExecuteDeleteAsync();
    }

    /// <summary>Three notices: one shown now (published yesterday, expiring tomorrow), one not yet published, one expired.</summary>
    public static async Task<(GeneralNotice Shown, GeneralNotice Future, GeneralNotice Expired)> SeedNoticeOfEachKindAsync(this IWebApp app)
    {
        var now = app.Clock.UtcNow;
        var shown = A.Notice(now.AddDays(-1)).ExpiringAt(now.AddDays(1)).Build();
        var future = A.Notice(now.AddDays(1)).Build();
        var expired = A.Notice(now.AddDays(-10)).ExpiringAt(now.AddMinutes(-1)).Build();
        await app.Database.SeedAsync(shown, future, expired);
        return (shown, future, expired);
    }

    /// <summary>Form fields as the browser posts them ("Values[key]"), plus any extra hidden fields.</summary>
    public static Dictionary<string, string> AsFormFields(this Dictionary<string, string> values, params (string Name, string Value)[] hidden)
    {
        var fields = values.ToDictionary(v => $"Values[{v.Key}]", v => v.Value, StringComparer.Ordinal);
        foreach (var (name, value) in hidden)
        {
            fields[name] = value;
        }

        return fields;
    }

    public static async Task<OutboxEmail> LastEmailAsync(this IWebApp app, string to, string template)
    {
        await using var db = app.Database.CreateContext();
        return await db.OutboxEmails.AsNoTracking().Where(e => e.To == to && e.Template == template).OrderByDescending(e => e.Id).FirstAsync();
    }

    public static async Task<int> CountEmailsAsync(this IWebApp app, string to, string template)
    {
        await using var db = app.Database.CreateContext();
        return await db.OutboxEmails.CountAsync(e => e.To == to && e.Template == template);
    }

    /// <summary>The path and query of the first Portal link in an e-mail (links use the configured public URL).</summary>
    public static string LinkIn(OutboxEmail email) =>
        LinkPattern().Match(email.Body) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No link in the e-mail:\n{email.Body}");

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string userId, string password = Password) =>
        client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userId, ["Input.Password"] = password });

    /// <summary>Terms → e-mail twice → the link from the e-mail.</summary>
    public static async Task<string> StartRegistrationAsync(this HttpClient client, IWebApp app, string email)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Account/Register", new Dictionary<string, string>())).StatusCode);
        var sent = await client.PostFormAsync("/Account/Register/Email", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.ConfirmEmail"] = email });
        Assert.Contains("data-testid=\"registration-sent\"", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return LinkIn(await app.LastEmailAsync(email, "registration-link"));
    }

    /// <summary>Forgot password: posts the user ID and e-mail address, returns the page shown.</summary>
    public static async Task<string> ForgotPasswordAsync(this HttpClient client, string userId, string email) =>
        await (await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.UserId"] = userId, ["Input.Email"] = email }))
            .Content.ReadAsStringAsync();

    /// <summary>The e-mail change form's fields: the new address twice and the current password.</summary>
    public static Dictionary<string, string> ChangeEmailFields(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.ConfirmEmail"] = email,
        ["Input.CurrentPassword"] = password,
    };

    /// <summary>The applicant's e-mail address as stored now.</summary>
    public static async Task<string?> StoredEmailAsync(this IWebApp app, Guid applicantId)
    {
        await using var db = app.Database.CreateContext();
        return await db.ApplicantUsers.Where(u => u.Id == applicantId).Select(u => u.Email).SingleAsync();
    }

    public static Dictionary<string, string> RegistrationFields(string password = Password, string? confirm = null) => new()
    {
        ["Input.UserType"] = "ForeignNational",
        ["Input.NameEnglish"] = "NGUYEN VAN AN",
        ["Input.Phone"] = "09012345678",
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    /// <summary>Posts a handler of a page (e.g. "Confirm") with the page's own form token.</summary>
    public static Task<HttpResponseMessage> PostHandlerAsync(this HttpClient client, string page, string handler, IDictionary<string, string> fields)
    {
        var separator = page.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return client.PostFormAsync($"{page}{separator}handler={handler}", fields, formPage: page);
    }

    /// <summary>A file for a multipart POST: the form field, the file name the browser sends, the bytes.</summary>
    public sealed record FilePart(string Field, string FileName, byte[] Content, string ContentType = "application/octet-stream");

    /// <summary>Posts a handler of an entry page as the browser does with files chosen (multipart), with the page's token.</summary>
    public static async Task<HttpResponseMessage> PostFilesAsync(this HttpClient client, string page, string handler, IDictionary<string, string> fields, params FilePart[] files)
    {
        var html = await client.GetStringAsync(page);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(Html.AntiforgeryToken(html)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }

        var separator = page.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return await client.PostAsync($"{page}{separator}handler={handler}", content);
    }

    /// <summary>
    /// Opens a procedure's entry form as the applicant does: Agree on its explanation first (the form is not shown
    /// without it), then the form itself. Later requests of the same client keep the agreement (a cookie).
    /// </summary>
    public static async Task<string> OpenEntryAsync(this HttpClient client, string applyPage)
    {
        var path = applyPage.Split('?')[0];
        var explanation = path[..path.LastIndexOf("/Apply", StringComparison.Ordinal)];
        // Refused there (outside the reception period, no approved request for use), Agree stays on the explanation;
        // the form then shows the same refusal itself, which some tests look at.
        await client.PostFormAsync(explanation, new Dictionary<string, string>(), formPage: explanation);
        return await client.GetStringAsync(applyPage);
    }

    public static string HiddenValue(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : Regex.Match(html, $"value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"") is { Success: true } reversed
                ? WebUtility.HtmlDecode(reversed.Groups[1].Value)
                : throw new InvalidOperationException($"No field {name} in the page.");

    [GeneratedRegex(@"http://localhost(/\S+)")]
    private static partial Regex LinkPattern();
}
