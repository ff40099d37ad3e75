using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Rasens.Portal.Infrastructure;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Infrastructure;

/// <summary>The agreement to a procedure's terms: the applicant's own, for that procedure, for a day, and not forgeable.</summary>
public sealed class TermsAgreementTests
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly TermsAgreement _agreement;

    public TermsAgreementTests() => _agreement = new TermsAgreement(new EphemeralDataProtectionProvider(), _clock);

    [Fact]
    public void Agreement_HoldsForTheApplicantAndProcedure_ForADay()
    {
        var applicant = Guid.NewGuid();
        var browser = Browser(Recorded(applicant, "extension-of-stay"));

        Assert.True(_agreement.Has(browser, applicant, "extension-of-stay"));
        Assert.False(_agreement.Has(browser, Guid.NewGuid(), "extension-of-stay")); // another applicant's cookie
        Assert.False(_agreement.Has(Browser(Recorded(applicant, "extension-of-stay").Replace("extension-of-stay=", "change-of-status=", StringComparison.Ordinal)), applicant, "change-of-status"));
        _clock.Advance(TermsAgreement.Lifetime + TimeSpan.FromMinutes(1));
        Assert.False(_agreement.Has(browser, applicant, "extension-of-stay"));
    }

    [Fact]
    public void Agreement_AlteredOrMissing_IsNone()
    {
        var applicant = Guid.NewGuid();
        var cookie = Recorded(applicant, "extension-of-stay");

        Assert.False(_agreement.Has(Browser(cookie[..^3] + "abc"), applicant, "extension-of-stay"));
        Assert.False(_agreement.Has(Browser("Rasens.Portal.Agreed.extension-of-stay=yes"), applicant, "extension-of-stay"));
        Assert.False(_agreement.Has(new DefaultHttpContext(), applicant, "extension-of-stay"));
    }

    /// <summary>The "name=value" the browser sends back after Agree.</summary>
    private string Recorded(Guid applicant, string code)
    {
        var context = new DefaultHttpContext();
        _agreement.Record(context, applicant, code);
        return context.Response.Headers.SetCookie.ToString().Split(';')[0];
    }

    private static DefaultHttpContext Browser(string cookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = cookie;
        return context;
    }
}
