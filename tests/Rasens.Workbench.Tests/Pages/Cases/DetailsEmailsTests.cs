using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Data.Messaging;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Pages.Cases;

/// <summary>The case page's e-mails (Details.Emails.cs, _CaseEmails.cshtml; issue 11): the list with states and replies, attempt history, and resending.</summary>
public abstract class DetailsEmailsTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CasePage_ShowsEachEmailTheCaseCaused_WithStateAttemptsReplyAndHistory()
    {
        var (client, _) = await app.SignedInAsync();
        var application = await CaseAsync();
        var bounced = await EmailAsync(application, EmailState.Bounced, "550 5.1.1 <typo@example.jp>: Recipient address rejected: User unknown");
        var otherCase = await CaseAsync();
        await EmailAsync(otherCase, EmailState.Sent, "250 2.0.0 Ok: queued as OTHERCASE");

        var html = await client.GetStringAsync($"/Cases/{application.Id}", Ct);

        Assert.Contains("この案件のメール", html, StringComparison.Ordinal);
        Assert.Contains("補正のお願い", html, StringComparison.Ordinal); // the template's name, not its code
        Assert.Contains($"data-email-id=\"{bounced.Id}\" data-state=\"Bounced\"", html, StringComparison.Ordinal);
        Assert.Contains(">配信不能<", html, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 &lt;typo@example.jp&gt;: Recipient address rejected: User unknown", html, StringComparison.Ordinal);
        Assert.Contains("送信履歴（1件）", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"email-attempt\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OTHERCASE", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"resend-form\"", html, StringComparison.Ordinal); // an examiner is not offered it
        Assert.Contains("data-testid=\"resend-supervisor-only\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_BySupervisorToACorrectedAddress_QueuesANewEmailAuditsAndMarksTheOriginal()
    {
        var (client, supervisor) = await app.SignedInAsync(StaffRole.Supervisor);
        var application = await CaseAsync();
        var bounced = await EmailAsync(application, EmailState.Bounced, "550 5.1.1 unknown mailbox");
        Assert.Contains("data-testid=\"resend-form\"", await client.GetStringAsync($"/Cases/{application.Id}", Ct), StringComparison.Ordinal);

        var response = await ResendAsync(client, application.Id, bounced.Id, "corrected@example.jp");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Cases/{application.Id}?done=resent#case-emails", response.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var copy = await db.OutboxEmails.SingleAsync(e => e.ResendOf == bounced.Id, Ct);
        Assert.Equal(("corrected@example.jp", application.Id, bounced.Body), (copy.To, copy.ApplicationId, copy.Body));
        Assert.Equal(copy.Id, (await db.OutboxEmails.SingleAsync(e => e.Id == bounced.Id, Ct)).ResentAs);
        var audit = await db.AuditEntries.SingleAsync(a => a.ApplicationId == application.Id && a.Action == "email.resend", Ct);
        Assert.Equal((AuditOutcome.Succeeded, supervisor.Id), (audit.Outcome, audit.ActorId));
        Assert.Contains("typo@example.jp → ", audit.Details, StringComparison.Ordinal);
        Assert.Contains("corrected@example.jp", audit.Details, StringComparison.Ordinal);

        var page = await client.GetStringAsync(response.Headers.Location!.OriginalString, Ct);
        Assert.Contains("正しいアドレスへのメールを送信待ちにしました。", page, StringComparison.Ordinal);
        Assert.Contains($"#{copy.Id} として再送済み", page, StringComparison.Ordinal);
        Assert.Contains("メールの再送", page, StringComparison.Ordinal); // in the journal
    }

    [Fact]
    public async Task Resend_ByAnExaminer_IsRefusedAuditedAndQueuesNothing()
    {
        var (client, examiner) = await app.SignedInAsync();
        var application = await CaseAsync();
        var bounced = await EmailAsync(application, EmailState.Bounced, "550 5.1.1 unknown mailbox");

        var response = await ResendAsync(client, application.Id, bounced.Id, "corrected@example.jp");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("メールの再送は統括のみが行えます。", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.ResendOf == bounced.Id, Ct));
        Assert.Null((await db.OutboxEmails.SingleAsync(e => e.Id == bounced.Id, Ct)).ResentAs);
        var audit = await db.AuditEntries.SingleAsync(a => a.ApplicationId == application.Id && a.Action == "email.resend", Ct);
        Assert.Equal((AuditOutcome.Refused, examiner.Id, "email.not-supervisor"), (audit.Outcome, audit.ActorId, AuditJournal.RefusalCode(audit.Details)));
    }

    [Fact]
    public async Task Resend_ABadAddress_KeepsWhatWasTypedAndNamesTheField()
    {
        var (client, _) = await app.SignedInAsync(StaffRole.Supervisor);
        var application = await CaseAsync();
        var failed = await EmailAsync(application, EmailState.Failed, "451 4.3.0 try again later");

        var response = await ResendAsync(client, application.Id, failed.Id, "corrected@@example");

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("value=\"corrected@@example\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"resend-error\">正しいメールアドレス：name@example.jp の形式で", html, StringComparison.Ordinal);
        Assert.Contains("id=\"ResendTo\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.ResendOf == failed.Id, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == application.Id && a.Action == "email.resend" && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task Resend_OfASentEmail_IsRefused()
    {
        var (client, _) = await app.SignedInAsync(StaffRole.Supervisor);
        var application = await CaseAsync();
        var sent = await EmailAsync(application, EmailState.Sent, "250 2.0.0 Ok: queued as ABC");
        Assert.DoesNotContain("data-testid=\"resend-form\"", await client.GetStringAsync($"/Cases/{application.Id}", Ct), StringComparison.Ordinal);

        var response = await ResendAsync(client, application.Id, sent.Id, "corrected@example.jp");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("再送できるのは配信不能または送信失敗のメールだけです。", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.ResendOf == sent.Id, Ct));
    }

    [Fact]
    public void EveryTemplate_HasANameInJapaneseAndEnglish()
    {
        var english = System.Xml.Linq.XDocument.Load(Resource("SharedResource.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var japanese = System.Xml.Linq.XDocument.Load(Resource("SharedResource.ja.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        var keys = Mailer.Templates.Select(t => "EmailTemplate_" + t)
            .Concat(Enum.GetNames<EmailState>().Select(s => "EmailState_" + s))
            .Concat(Enum.GetNames<EmailAttemptOutcome>().Select(o => "EmailOutcome_" + o));
        Assert.All(keys, key => Assert.True(english.Contains(key) && japanese.Contains(key), key));
    }

    private static string Resource(string file) => Path.Combine(Repository.Root, "src", "Rasens.Workbench", "Resources", file);

    private static Task<HttpResponseMessage> ResendAsync(HttpClient client, long caseId, long emailId, string to) =>
        client.PostFormAsync($"/Cases/{caseId}?handler=ResendEmail",
            new Dictionary<string, string> { ["ResendEmailId"] = emailId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ResendTo"] = to },
            formPage: $"/Cases/{caseId}");

    private async Task<Application> CaseAsync()
    {
        var owner = A.Applicant().Build();
        var application = A.Case(owner).Build();
        await app.Database.SeedAsync(owner, application);
        return application;
    }

    /// <summary>A case e-mail as the sender leaves it, with its one attempt (the sender itself never touches these states again).</summary>
    private async Task<OutboxEmail> EmailAsync(Application application, EmailState state, string reply)
    {
        var now = app.Clock.UtcNow;
        var email = new OutboxEmail
        {
            CreatedAt = now, NextAttemptAt = now, Template = "case-returned", To = "typo@example.jp", Subject = "補正のお願い", Body = $"補正してください。{Guid.NewGuid():N}",
            ApplicationId = application.Id, State = state, Attempts = 1, LastReply = reply, LastError = state == EmailState.Sent ? null : reply,
            SentAt = state == EmailState.Sent ? now : null, BouncedAt = state == EmailState.Bounced ? now : null, FailedAt = state == EmailState.Failed ? now : null,
        };
        await app.Database.SeedAsync(email);
        await app.Database.SeedAsync(new EmailAttempt
        {
            EmailId = email.Id, Number = 1, StartedAt = now, FinishedAt = now, Reply = reply,
            Outcome = state switch
            {
                EmailState.Sent => EmailAttemptOutcome.Accepted,
                EmailState.Bounced => EmailAttemptOutcome.Bounced,
                EmailState.Queued or EmailState.Sending or EmailState.Deferred or EmailState.Failed => EmailAttemptOutcome.Deferred,
            },
        });
        return email;
    }
}

public sealed class DetailsEmailsTests_Sqlite(WorkbenchOnSqlite app) : DetailsEmailsTests<WorkbenchOnSqlite>(app), IClassFixture<WorkbenchOnSqlite>;

public sealed class DetailsEmailsTests_Postgres(WorkbenchOnPostgres app) : DetailsEmailsTests<WorkbenchOnPostgres>(app), IClassFixture<WorkbenchOnPostgres>;
