using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Rasens.Portal.Infrastructure;

/// <summary>
/// "Agree" on a procedure's explanation (terms of use, 001 §4.2) is what opens its entry form: the agreement is kept
/// for a day in a data-protected cookie naming the applicant and the procedure, and the form is not shown without it.
/// One cookie per procedure, so agreeing to one opens no other.
/// </summary>
public sealed class TermsAgreement(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private const string CookiePrefix = "Rasens.Portal.Agreed.";

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("Rasens.Portal.TermsAgreement").ToTimeLimitedDataProtector();

    public void Record(HttpContext context, Guid applicantId, string procedureCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expires = clock.GetUtcNow() + Lifetime;
        context.Response.Cookies.Append(CookiePrefix + procedureCode, Protector.Protect(Value(applicantId, procedureCode), expires), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = $"/Procedures/{procedureCode}",
            Expires = expires,
        });
    }

    public bool Has(HttpContext context, Guid applicantId, string procedureCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookiePrefix + procedureCode, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return false;
        }

        try
        {
            return Protector.Unprotect(cookie, out var expires) == Value(applicantId, procedureCode) && expires > clock.GetUtcNow();
        }
        catch (CryptographicException)
        {
            return false; // altered, from another installation, or expired
        }
    }

    private static string Value(Guid applicantId, string procedureCode) =>
        string.Create(CultureInfo.InvariantCulture, $"{applicantId:N}|{procedureCode}");
}
