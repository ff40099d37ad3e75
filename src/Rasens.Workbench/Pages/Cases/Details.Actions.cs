using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Pages.Cases;

/// <summary>
/// The case page's actions. Each posts the version of the case the member of staff was looking at; success goes
/// back to the page (so a reload repeats nothing), a refusal shows the page as the case is now, with the reason.
/// </summary>
public sealed partial class DetailsModel
{
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public Guid? AssignTo { get; set; }

    /// <summary>The note for an approval, the reasons for a denial, or an internal note.</summary>
    [BindProperty]
    public string? Text { get; set; }

    public Task<IActionResult> OnPostClaimAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "claimed", () => work.ClaimAsync(id, Version, User.ToActor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReleaseAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "released", () => work.ReleaseAsync(id, Version, User.ToActor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "assigned", () => work.AssignAsync(id, Version, User.ToActor(), AssignTo ?? Guid.Empty, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReceiveAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "received", () => work.ReceiveAsync(id, Version, User.ToActor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostStartReviewAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "review-started", () => work.StartReviewAsync(id, Version, User.ToActor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "approved", () => work.ApproveAsync(id, Version, User.ToActor(), Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDenyAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "denied", () => work.DenyAsync(id, Version, User.ToActor(), Text ?? "", cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "completed", () => work.CompleteAsync(id, Version, User.ToActor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRegisterAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "registered", () => work.RegisterAsync(id, Version, User.ToActor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "noted", () => work.AddNoteAsync(id, User.ToActor(), Text ?? "", cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(long id, string done, Func<Task<Result>> act, CancellationToken cancellationToken)
    {
        var result = await act();
        if (result.Succeeded)
        {
            return Redirect($"/Cases/{id}?done={done}");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Refusal = text.Explain(result.Error!, Case.AssigneeName);
        // What was typed (a note, reasons) stays in the form; the case shown is the current one.
        Response.StatusCode = CaseRefusals.StatusCode(result.Error!);
        ModelState.Remove(nameof(Version));
        Version = Case.Version;
        return Page();
    }
}
