using System.Net;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.MyPage;

/// <summary>The link that confirms a new e-mail address (ConfirmEmail.cshtml): only for the account that asked.</summary>
public sealed class ConfirmEmailTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task ChangeEmail_LinkOpenedByAnotherUser_IsNotFoundAndChangesNothing()
    {
        var (owner, applicant) = await app.LoggedInApplicantAsync();
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";
        await owner.PostFormAsync("/MyPage/ChangeEmail", PortalSteps.ChangeEmailFields(newEmail, PortalSteps.Password));
        var link = PortalSteps.LinkIn(await app.LastEmailAsync(newEmail, "email-change-link"));
        var (stranger, _) = await app.LoggedInApplicantAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync(link, new Dictionary<string, string>(), formPage: "/MyPage")).StatusCode);
        Assert.Equal(applicant.Email, await app.StoredEmailAsync(applicant.Id));
    }
}
