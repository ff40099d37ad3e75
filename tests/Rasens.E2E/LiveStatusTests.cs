using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Testing;

namespace Rasens.E2E;

/// <summary>
/// Live status across the running apps (issue 6): an examiner's action reaches an applicant's open page without a
/// reload, on either Portal instance; three changes made while the Portal was down all appear, once each, in
/// order, after it is back; queues and case pages in the Workbench follow too; a connection of the SignalR .NET client hears
/// nothing of another applicant.
/// </summary>
[Collection(BothAppsCollection.Name)]
public sealed class LiveStatusTests(BothApps apps)
{
    [Fact]
    public async Task DetailsPageOpen_ExaminerReturnsTheCase_PageChangesWithoutReload_AndTheMailArrives()
    {
        var (staff, key) = await NewStaffAsync(StaffRole.Examiner);
        var application = await CaseAsync(ApplicationStatus.UnderReview, staff);
        await using var applicantContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var applicant = await DetailsPageAsync(applicantContext, apps.Portal.BaseUrl, application.Id);
        await using var staffContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var examiner = await staffContext.NewPageAsync();
        await examiner.SignInStaffAsync(apps.Workbench.BaseUrl, staff.UserName!, BothApps.StaffPassword, key);

        await ReturnAsync(examiner, application.Id, "番地まで入力してください。");

        await applicant.WaitForFunctionAsync("() => document.querySelector('[data-testid=status]').dataset.status === 'InReturnProcess'", null, new() { Timeout = 2000 });
        Assert.True(await applicant.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        Assert.Contains("InReturnProcess", await applicant.GetByTestId("status").GetAttributeAsync("data-status") ?? "", StringComparison.Ordinal);
        Assert.Contains(application.ReferenceNumber, await applicant.GetByTestId("live-notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await applicant.GetByTestId("modify").IsVisibleAsync()); // the page's actions follow the status
        await applicant.ShootAsync("live-01-details-updated");
        Assert.Contains(application.ReferenceNumber, (await Mailbox.WaitForAsync(apps.Applicant.Email!, "番地まで入力してください。")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondPortalInstance_ApplicantOnIt_SeesTheChange_AndAfterARestartGetsTheThreeMissedOnesOnceInOrder()
    {
        var (staff, key) = await NewStaffAsync(StaffRole.Examiner);
        var application = await CaseAsync(ApplicationStatus.Pending, staff);
        var port = AppProcess.FreePort();
        var second = await apps.StartPortalAsync(port, "portal-2");
        await using var applicantContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        await using var staffContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var examiner = await staffContext.NewPageAsync();
        await examiner.SignInStaffAsync(apps.Workbench.BaseUrl, staff.UserName!, BothApps.StaffPassword, key);
        try
        {
            var applicant = await DetailsPageAsync(applicantContext, second.BaseUrl, application.Id);
            await applicant.GetByText("Live updates on").WaitForAsync();

            // The second instance hears of a change made through the Workbench; the database is the only channel.
            await ActAsync(examiner, application.Id, "action-Receive");
            await applicant.WaitForFunctionAsync("() => document.querySelector('[data-testid=status]').dataset.status === 'ApplicationCompleted'", null, new() { Timeout = 2000 });

            // The Portal process stops; three changes are made while it is down; it comes back on the same address.
            await second.DisposeAsync();
            await applicant.GetByText("Reconnecting…").WaitForAsync(new() { Timeout = 30000 });
            await ActAsync(examiner, application.Id, "action-StartReview");
            await ActAsync(examiner, application.Id, "action-Approve");
            await ActAsync(examiner, application.Id, "action-CompleteHandOver");
            Assert.Equal("Reconnecting…", await applicant.Locator("[data-live-state]").InnerTextAsync()); // all three while it was down
            second = await apps.StartPortalAsync(port, "portal-2");
            await applicant.WaitForFunctionAsync("() => document.querySelector('[data-testid=status]').dataset.status === 'Completed'", null, new() { Timeout = 30000 });

            var notices = await applicant.GetByTestId("live-notice").Locator("li").AllInnerTextsAsync();
            // Newest first: the three made while it was down, once each and in order, then received (live before the stop).
            Assert.Equal(4, notices.Count);
            Assert.Contains("\"Completed\"", notices[0], StringComparison.Ordinal);
            Assert.Contains("\"Awaiting Issuance\"", notices[1], StringComparison.Ordinal);
            Assert.Contains("\"Under Review\"", notices[2], StringComparison.Ordinal);
            Assert.Contains("\"Application Completed\"", notices[3], StringComparison.Ordinal);
            Assert.All(notices, notice => Assert.Contains(application.ReferenceNumber, notice, StringComparison.Ordinal));
            Assert.True(await applicant.EvaluateAsync<bool>("() => window.__notReloaded === true"));
            await applicant.ShootAsync("live-02-after-restart-en");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReplayFailsOnce_ThePageDoesNotClaimToBeLive_AsksAgain_AndThenHearsTheChange()
    {
        var (staff, key) = await NewStaffAsync(StaffRole.Examiner);
        var application = await CaseAsync(ApplicationStatus.Pending, staff);
        await using var applicantContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var applicant = await applicantContext.NewPageAsync();
        await applicant.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await applicant.WaitForURLAsync("**/MyPage");

        // The details page's first Replay is answered with an error (as a database hiccup would); everything else passes.
        var failed = 0;
        await applicant.RouteWebSocketAsync(new Regex("/hubs/portal"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                if (frame.Text is null)
                {
                    server.Send(frame.Binary ?? []);
                    return;
                }

                foreach (var record in frame.Text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    using var json = JsonDocument.Parse(record);
                    if (json.RootElement.TryGetProperty("target", out var target) && target.GetString() == "Replay" && Interlocked.Exchange(ref failed, 1) == 0)
                    {
                        var invocation = json.RootElement.GetProperty("invocationId").GetString();
                        ws.Send($"{{\"type\":3,\"invocationId\":\"{invocation}\",\"error\":\"simulated failure\"}}{RecordSeparator}");
                    }
                    else
                    {
                        server.Send(record + RecordSeparator);
                    }
                }
            });
        });
        await applicant.AddInitScriptAsync("""
            window.__liveStates = [];
            new MutationObserver(changes => changes.forEach(c => window.__liveStates.push(c.target.dataset.state)))
              .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
            """);
        await applicant.GotoAsync($"{apps.Portal.BaseUrl}/Applications/{application.Id}");
        await applicant.Locator("[data-live-state][data-state=connected]").WaitForAsync(new() { Timeout = 15000 });

        Assert.Equal(1, failed);
        Assert.Equal(["reconnecting", "connected"], await applicant.EvaluateAsync<string[]>("() => window.__liveStates"));
        await using var staffContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var examiner = await staffContext.NewPageAsync();
        await examiner.SignInStaffAsync(apps.Workbench.BaseUrl, staff.UserName!, BothApps.StaffPassword, key);
        await ActAsync(examiner, application.Id, "action-Receive");
        await applicant.WaitForFunctionAsync("() => document.querySelector('[data-testid=status]').dataset.status === 'ApplicationCompleted'", null, new() { Timeout = 2000 });
    }

    [Fact]
    public async Task Workbench_QueueFollowsANewCase_AndAnExaminerIsToldAtOnceWhenTheirCaseIsReassigned()
    {
        var (holder, holderKey) = await NewStaffAsync(StaffRole.Examiner);
        var (supervisor, supervisorKey) = await NewStaffAsync(StaffRole.Supervisor);
        var other = A.Staff().WithPassword(BothApps.StaffPassword).Build();
        await apps.SeedAsync(other);
        var application = await CaseAsync(ApplicationStatus.UnderReview, holder);
        await using var holderContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        await using var supervisorContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var examiner = await holderContext.NewPageAsync();
        var boss = await supervisorContext.NewPageAsync();
        await examiner.SignInStaffAsync(apps.Workbench.BaseUrl, holder.UserName!, BothApps.StaffPassword, holderKey);
        await boss.SignInStaffAsync(apps.Workbench.BaseUrl, supervisor.UserName!, BothApps.StaffPassword, supervisorKey);

        // The supervisor watches the New queue; a new case arrives (submitted in the Portal's database).
        await boss.GotoAsync($"{apps.Workbench.BaseUrl}/Queues/New?Q={Uri.EscapeDataString(apps.Applicant.NameEnglish)}");
        var before = await boss.Locator("[data-testid=case-link]").CountAsync();
        var count = await boss.GetByTestId("count-New").InnerTextAsync();
        await boss.GetByText("自動更新中").WaitForAsync();
        var fresh = A.Case(apps.Applicant).Build();
        await SaveThroughTheModelAsync(fresh);
        await boss.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=case-link]').length === {before + 1}", null, new() { Timeout = 3000 });
        Assert.NotEqual(count, await boss.GetByTestId("count-New").InnerTextAsync());
        await boss.ShootAsync("live-03-queue-updated");

        // The holder has the case open; the supervisor reassigns it to someone else.
        await examiner.GotoAsync($"{apps.Workbench.BaseUrl}/Cases/{application.Id}");
        await examiner.GetByText("自動更新中").WaitForAsync();
        await boss.GotoAsync($"{apps.Workbench.BaseUrl}/Cases/{application.Id}");
        await boss.SelectOptionAsync("#assign-to", other.Id.ToString());
        await boss.GetByTestId("assign").ClickAsync();
        await boss.GetByTestId("action-done").WaitForAsync();

        await examiner.GetByTestId("live-alert").GetByRole(AriaRole.Link).WaitForAsync(new() { Timeout = 3000 });
        var alert = await examiner.GetByTestId("live-alert").InnerTextAsync();
        Assert.Contains(other.DisplayName, alert, StringComparison.Ordinal);
        Assert.Contains(application.ReferenceNumber, alert, StringComparison.Ordinal); // the case by its number, not its internal id
        await examiner.WaitForFunctionAsync($"() => document.querySelector('[data-testid=case-holder]').textContent.includes({System.Text.Json.JsonSerializer.Serialize(other.DisplayName)})", null, new() { Timeout = 3000 });
        Assert.Contains(supervisor.DisplayName, await examiner.GetByTestId("live-notice").InnerTextAsync(), StringComparison.Ordinal);
        await examiner.ShootAsync("live-04-case-reassigned");
    }

    [Fact]
    public async Task OwnConnection_OfOneApplicant_NeverHearsOfAnothersCase()
    {
        var other = A.Applicant().WithPassword(BothApps.ApplicantPassword).Build();
        await apps.SeedAsync(other);
        var (staff, _) = await NewStaffAsync(StaffRole.Examiner);
        var theirs = await CaseAsync(ApplicationStatus.Pending, staff, other);
        var mine = await CaseAsync(ApplicationStatus.Pending, staff);
        var received = new System.Collections.Concurrent.ConcurrentQueue<System.Text.Json.JsonElement>();
        await using var client = LiveHub.Connection(new Uri(apps.Portal.BaseUrl + "/hubs/portal"), await CookieAsync(apps.Applicant.UserName!));
        client.On<System.Text.Json.JsonElement>("events", received.Enqueue);
        await client.StartAsync();

        // Whatever it asks for: everything from the very beginning, a method that does not exist, another's group.
        Assert.True(await client.InvokeAsync<bool>("Replay", 0L));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => client.InvokeAsync("JoinGroup", PortalGroup(other.Id)));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => client.InvokeAsync<bool>("Replay", other.Id.ToString()));
        await ChangeAsync(theirs.Id, staff);
        await ChangeAsync(mine.Id, staff);
        await WaitAsync(() => received.Any(batch => CaseIds(batch).Contains(mine.Id)));

        var heard = received.SelectMany(CaseIds).ToHashSet();
        Assert.Contains(mine.Id, heard);
        Assert.DoesNotContain(theirs.Id, heard);
        await using var db = apps.CreateContext();
        var ownIds = db.Applications.Where(a => a.ApplicantId == apps.Applicant.Id).Select(a => a.Id).ToHashSet();
        Assert.All(heard, id => Assert.Contains(id, ownIds));
    }

    /// <summary>Ends every message of SignalR's JSON protocol.</summary>
    private const char RecordSeparator = '\u001e';

    private static string PortalGroup(Guid applicantId) => $"applicant:{applicantId:N}";

    /// <summary>The cases one batch of events (the hub's "events" message) speaks of.</summary>
    private static IEnumerable<long> CaseIds(System.Text.Json.JsonElement batch) =>
        batch.EnumerateArray()
            .Where(e => e.TryGetProperty("caseId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Number)
            .Select(e => e.GetProperty("caseId").GetInt64());

    private async Task<string> CookieAsync(string userId)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(apps.Portal.BaseUrl) };
        var page = await http.GetStringAsync("/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userId, ["Input.Password"] = BothApps.ApplicantPassword, ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
        });
        (await http.PostAsync("/Account/Login", form)).EnsureSuccessStatusCode();
        return cookies.GetCookieHeader(new Uri(apps.Portal.BaseUrl));
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        for (var i = 0; i < 100 && !done(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(done(), "the event did not arrive");
    }

    private async Task<(StaffUser Staff, string Key)> NewStaffAsync(StaffRole role)
    {
        var staff = A.Staff(role).WithPassword(BothApps.StaffPassword).Build();
        var key = Totp.NewKey();
        await apps.SeedAsync(staff, A.AuthenticatorFor(staff, key));
        return (staff, key);
    }

    private async Task<Application> CaseAsync(ApplicationStatus status, StaffUser holder, ApplicantUser? owner = null)
    {
        var application = A.Case(owner ?? apps.Applicant).InStatus(status).HeldBy(holder)
            .WithPayload(System.Text.Json.JsonSerializer.Serialize(FormExamples.Extension())).Build();
        await apps.SeedAsync(application);
        return application;
    }

    /// <summary>Saves a case through the model, as the Portal would, so its events are written with it.</summary>
    private async Task SaveThroughTheModelAsync(Application application)
    {
        await using var db = apps.CreateContext();
        db.Applications.Add(application);
        await db.SaveChangesAsync();
    }

    /// <summary>A status change made through the model (Receive), for cases the test does not look at in a browser.</summary>
    private async Task ChangeAsync(long id, StaffUser staff)
    {
        await using var db = apps.CreateContext();
        var application = db.Applications.Single(a => a.Id == id);
        Assert.True(application.Receive(staff.ToActor(), $"東オンE26{Random.Shared.Next(100000, 999999)}", DateTime.UtcNow).Succeeded);
        await db.SaveChangesAsync();
    }

    private async Task<IPage> DetailsPageAsync(IBrowserContext context, string portal, long id)
    {
        var page = await context.NewPageAsync();
        await page.LoginAsync(portal, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");
        await page.GotoAsync($"{portal}/Applications/{id}");
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
        await page.Locator("[data-live-state][data-state=connected]").WaitForAsync(new() { Timeout = 10000 });
        return page;
    }

    private async Task ActAsync(IPage examiner, long id, string action)
    {
        await examiner.GotoAsync($"{apps.Workbench.BaseUrl}/Cases/{id}");
        await examiner.GetByTestId(action).ClickAsync();
        await examiner.GetByTestId("action-done").WaitForAsync();
    }

    private async Task ReturnAsync(IPage examiner, long id, string message)
    {
        await examiner.GotoAsync($"{apps.Workbench.BaseUrl}/Cases/{id}/Return");
        await examiner.FillAsync("#Note", "補正をお願いします。");
        await examiner.SelectOptionAsync("#Items_0__Kind", "Field");
        await examiner.SelectOptionAsync("#Items_0__Field", "addressStreet");
        await examiner.FillAsync("#Items_0__Message", message);
        await examiner.GetByTestId("send-return").ClickAsync();
        await examiner.GetByTestId("action-done").WaitForAsync();
    }
}
