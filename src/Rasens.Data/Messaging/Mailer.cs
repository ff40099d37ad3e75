using System.Globalization;
using System.Resources;

namespace Rasens.Data.Messaging;

/// <summary>
/// Queues an e-mail in the caller's unit of work (so it commits with the change that causes it), its
/// text taken from EmailTexts.&lt;culture&gt;.resx in the recipient's language, placeholders filled by name.
/// </summary>
public sealed class Mailer(RasensDbContext db, TimeProvider clock)
{
    private static readonly ResourceManager Texts = new("Rasens.Data.Messaging.EmailTexts", typeof(Mailer).Assembly);

    /// <summary>The templates there are; each has "&lt;name&gt;.Subject" and "&lt;name&gt;.Body" in every language.</summary>
    public static readonly string[] Templates =
    [
        "registration-link", "user-registered", "user-id-reminder", "password-reset-link", "password-changed",
        "email-change-link", "email-changed-old", "email-changed-new", "user-info-changed", "usage-request-received",
        "application-received", "notification-receipt-number",
        "case-received", "case-returned", "case-approved", "case-denied", "case-completed", "notification-registered", "notification-error",
    ];

    /// <param name="applicationId">The case whose change causes the e-mail, so the case page can show it.</param>
    public OutboxEmail Queue(
        string template, string to, string culture, IReadOnlyDictionary<string, string> values, string? deduplicationKey = null, long? applicationId = null)
    {
        var language = CultureInfo.GetCultureInfo(string.IsNullOrEmpty(culture) ? "ja" : culture);
        var subject = Text(template + ".Subject", language);
        var body = Text(template + ".Body", language) + "\n\n--\n" + Text("Footer", language);
        var now = clock.GetUtcNow().UtcDateTime;
        var email = new OutboxEmail
        {
            CreatedAt = now,
            NextAttemptAt = now,
            Template = template,
            DeduplicationKey = deduplicationKey,
            ApplicationId = applicationId,
            State = EmailState.Queued,
            To = to,
            Subject = Fill(subject, values),
            Body = Fill(body, values),
            Culture = language.Name,
        };
        db.OutboxEmails.Add(email);
        return email;
    }

    internal static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"E-mail text '{key}' is missing.");

    private static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }
}
