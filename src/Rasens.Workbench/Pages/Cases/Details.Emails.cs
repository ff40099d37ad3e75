using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Pages.Cases;

/// <summary>One e-mail the case caused, with its attempts (newest last).</summary>
public sealed record CaseEmail(OutboxEmail Email, IReadOnlyList<EmailAttempt> Attempts);

/// <summary>
/// The case's e-mails (issue 11): what each is, to whom, its delivery state and the server's last reply, its attempts;
/// and a supervisor's resend of a bounced or failed one to a corrected address. Markup in _CaseEmails.cshtml; the rule
/// is <see cref="OutboxEmail.ResendRefusal"/>, the work <see cref="EmailResends"/>.
/// </summary>
public sealed partial class DetailsModel
{
    public IReadOnlyList<CaseEmail> Emails { get; private set; } = [];

    /// <summary>The e-mail a resend was posted for: its form shows what was typed and why it was refused.</summary>
    [BindProperty]
    public long? ResendEmailId { get; set; }

    [BindProperty]
    public string? ResendTo { get; set; }

    public string? ResendError { get; private set; }

    public async Task<IActionResult> OnPostResendEmailAsync(long id, [FromServices] EmailResends resends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resends);
        var result = await resends.ResendAsync(id, ResendEmailId ?? 0, User.ToActor(), ResendTo ?? "", cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/Cases/{id}?done=resent#case-emails");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The address stays as typed, the reason beside the field it is about.
        ResendError = text.Explain(result.Error!, Case.AssigneeName);
        Refusal = ResendError;
        Response.StatusCode = CaseRefusals.StatusCode(result.Error!);
        return Page();
    }

    /// <summary>A template's name for people, in the user's language; the template code when there is none.</summary>
    public string EmailTemplateName(string template) =>
        text["EmailTemplate_" + template] is { ResourceNotFound: false } known ? known : template;

    public bool CanResend(OutboxEmail email) => email?.ResendRefusal(Me) is null;

    private async Task LoadEmailsAsync(long id, CancellationToken cancellationToken)
    {
        var emails = await db.OutboxEmails.AsNoTracking().Where(e => e.ApplicationId == id).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var ids = emails.Select(e => e.Id).ToList();
        var attempts = (await db.EmailAttempts.AsNoTracking().Where(a => ids.Contains(a.EmailId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.EmailId);
        Emails = [.. emails.Select(e => new CaseEmail(e, [.. attempts[e.Id].OrderBy(a => a.Number)]))];
    }
}
