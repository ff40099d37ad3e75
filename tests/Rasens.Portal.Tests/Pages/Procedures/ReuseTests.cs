using System.Text.Json;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>Choosing a past case to fill the form from (Reuse.cshtml); the filling itself is in <see cref="ApplySaveLoadTests"/>.</summary>
public sealed class ReuseTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task List_OwnRecentCase_IsOffered_ButNotSomeoneElsesOrAnOldOne()
    {
        var (client, me) = await app.LoggedInApplicantAsync(approved: true);
        var examiner = A.Staff().Build();
        var other = A.Applicant().Build();
        await app.Database.SeedAsync(examiner, other);
        var payload = JsonSerializer.Serialize(new Dictionary<string, string> { ["statusOfResidence"] = "STUDENT", ["content"] = "ORG_LEAVING", ["formerName"] = "前回の大学" });
        var recent = A.Case(me).Notification().WithPayload(payload).Build(DateTime.UtcNow.AddDays(-100));
        var old = A.Case(me).Notification().WithPayload(payload).Build(DateTime.UtcNow.AddDays(-800));
        var theirs = A.Case(other).Notification().WithPayload(payload).Build();
        await app.Database.SeedAsync(recent, old, theirs);

        var list = await client.GetStringAsync("/Procedures/institution-or-spouse-notification/Reuse", TestContext.Current.CancellationToken);

        Assert.Contains(recent.ReferenceNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain(old.ReferenceNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ReferenceNumber, list, StringComparison.Ordinal);
    }
}
