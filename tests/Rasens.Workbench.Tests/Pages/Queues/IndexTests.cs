using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Testing;
using Rasens.Workbench.Pages.Queues;

namespace Rasens.Workbench.Tests.Pages.Queues;

/// <summary>The queue pages through HTTP: tabs with counts, search, paging links, the remembered choice, bulk allocation.</summary>
public abstract class IndexTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task NewQueue_ListsUnheldCasesWithCountsAndFindsACaseByAnyNumber()
    {
        var (client, _) = await app.SignedInAsync();
        var owner = A.Applicant().Build();
        await app.Database.SeedAsync(owner);
        var application = A.Case(owner).Build();
        await app.Database.SeedAsync(application);

        var html = await client.GetStringAsync($"/Queues/New?Q={Uri.EscapeDataString(owner.NameEnglish)}", Ct); // the fixture's database has other cases too
        var found = await client.GetStringAsync($"/Queues/All?Q={Uri.EscapeDataString(application.TemporaryReceptionNumber!)}", Ct);

        Assert.Contains($"href=\"/Cases/{application.Id}\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"count-New\">[1-9][0-9,]*<", html);
        Assert.Contains($"href=\"/Cases/{application.Id}\"", found, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(found, "data-testid=\"case-link\""));
    }

    [Fact]
    public async Task Queues_TheLastChoiceIsRemembered()
    {
        var (client, _) = await app.SignedInAsync();

        await client.GetAsync("/Queues/Overdue?Office=10&Sort=Due", Ct);
        var again = await client.GetAsync("/Queues", Ct);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/Queues/Overdue?Office=10&Sort=Due", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Paging_NextAndPreviousLinksWalkTheQueue()
    {
        var (client, _) = await app.SignedInAsync();
        var owner = A.Applicant().Build();
        await app.Database.SeedAsync(owner);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc); // older than anything else in this database
        for (var i = 0; i < 25; i++)
        {
            await app.Database.SeedAsync(A.Case(owner).Build(start.AddMinutes(i)));
        }

        var first = await client.GetStringAsync($"/Queues/New?Q={Uri.EscapeDataString(owner.NameEnglish)}", Ct);
        var next = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\" data-testid=\"next\"").Groups[1].Value);
        var second = await client.GetStringAsync(next, Ct);

        Assert.Equal(20, System.Text.RegularExpressions.Regex.Count(first, "data-testid=\"case-link\""));
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(second, "data-testid=\"case-link\""));
        Assert.Contains("data-testid=\"previous\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"next\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkAssign_SupervisorAllocatesTheTickedCases_OneChangedMeanwhileIsReported()
    {
        var (client, _) = await app.SignedInAsync(StaffRole.Supervisor);
        var examiner = A.Staff().Build();
        var other = A.Staff().Build();
        var owner = A.Applicant().Build();
        await app.Database.SeedAsync(examiner, other, owner);
        var a = A.Case(owner).Build();
        var b = A.Case(owner).Build();
        await app.Database.SeedAsync(a, b);
        var page = await client.GetStringAsync($"/Queues/New?Q={Uri.EscapeDataString(owner.NameEnglish)}", Ct);
        Assert.Contains($"value=\"{a.Id}:0\"", page, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            var taken = await db.Applications.SingleAsync(x => x.Id == b.Id, Ct);
            Assert.True(taken.Claim(other.ToActor(), DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync(Ct);
        }

        var response = await client.PostFormAsync($"/Queues/New?Q={Uri.EscapeDataString(owner.NameEnglish)}&handler=Assign",
            new Dictionary<string, string> { ["AssignTo"] = examiner.Id.ToString() }.WithSelected($"{a.Id}:0", $"{b.Id}:0"),
            formPage: $"/Queues/New?Q={Uri.EscapeDataString(owner.NameEnglish)}");

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("1件を割り当てました。", html, StringComparison.Ordinal);
        Assert.Contains($"案件{b.ReferenceNumber}は割り当てられませんでした", html, StringComparison.Ordinal); // by the number staff know it by
        await using var check = app.Database.CreateContext();
        Assert.Equal(examiner.Id, (await check.Applications.SingleAsync(x => x.Id == a.Id, Ct)).AssigneeId);
        Assert.Equal(other.Id, (await check.Applications.SingleAsync(x => x.Id == b.Id, Ct)).AssigneeId);
    }

    [Fact]
    public async Task BulkAssign_ByAnExaminer_IsRefused()
    {
        var (client, examiner) = await app.SignedInAsync();
        var owner = A.Applicant().Build();
        await app.Database.SeedAsync(owner);
        var a = A.Case(owner).Build();
        await app.Database.SeedAsync(a);

        await client.PostFormAsync("/Queues/New?handler=Assign", new Dictionary<string, string> { ["AssignTo"] = examiner.Id.ToString() }.WithSelected($"{a.Id}:0"), formPage: "/Queues/New");

        await using var db = app.Database.CreateContext();
        Assert.Null((await db.Applications.SingleAsync(x => x.Id == a.Id, Ct)).AssigneeId);
    }

    [Fact]
    public async Task Choices_AreSharedForAMinute_ThenReadAgain()
    {
        var (client, _) = await app.SignedInAsync(StaffRole.Supervisor);
        await client.GetStringAsync("/Queues/New", Ct);
        var newcomer = A.Staff().Build();
        await app.Database.SeedAsync(newcomer);

        var meanwhile = await client.GetStringAsync("/Queues/New", Ct);
        app.Clock.Advance(QueueChoices.MaxAge);
        var later = await client.GetStringAsync("/Queues/New", Ct);

        Assert.DoesNotContain(newcomer.Id.ToString(), meanwhile, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{newcomer.Id}\"", later, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

internal static class BulkFields
{
    /// <summary>Form fields with repeated "Selected" values, as ticked checkboxes post them.</summary>
    public static Dictionary<string, string> WithSelected(this Dictionary<string, string> fields, params string[] selected)
    {
        for (var i = 0; i < selected.Length; i++)
        {
            fields[$"Selected[{i}]"] = selected[i];
        }

        return fields;
    }
}

public sealed class IndexTests_Sqlite(WorkbenchOnSqlite app) : IndexTests<WorkbenchOnSqlite>(app), IClassFixture<WorkbenchOnSqlite>;

public sealed class IndexTests_Postgres(WorkbenchOnPostgres app) : IndexTests<WorkbenchOnPostgres>(app), IClassFixture<WorkbenchOnPostgres>;
