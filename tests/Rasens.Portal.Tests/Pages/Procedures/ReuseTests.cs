namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>Choosing a past case to fill the form from (Reuse.cshtml); the filling itself is in <see cref="ApplySaveLoadTests"/>.</summary>
public sealed class ReuseTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task List_OwnRecentCase_IsOffered_ButNotSomeoneElsesOrAnOldOne()
    {
        var (client, me) = await app.LoggedInApplicantAsync(approved: true);
        var (recent, old, theirs) = await app.SeedPastNotificationsAsync(me);

        var list = await client.GetStringAsync("/Procedures/institution-or-spouse-notification/Reuse", TestContext.Current.CancellationToken);

        Assert.Contains(recent.ReferenceNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain(old.ReferenceNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ReferenceNumber, list, StringComparison.Ordinal);
    }
}
