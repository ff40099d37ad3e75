namespace Rasens.Portal.Infrastructure;

/// <summary>What the attachments panel shows: the rules, the files so far, and what happened to the last ones chosen.</summary>
public sealed record AttachmentsPanel(AttachmentPolicy Policy, IReadOnlyList<AttachmentView> Files, IReadOnlyList<string> Errors, IReadOnlyList<string> Notices)
{
    /// <summary>The case's files from earlier rounds (a correction): shown, not removable here.</summary>
    public IReadOnlyList<AttachmentView> OnCase { get; init; } = [];

    public long TotalBytes => Files.Sum(f => f.Length) + OnCase.Sum(f => f.Length);

    public int TotalFiles => Files.Count + OnCase.Count;

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.##} MB",
    };
}

/// <summary>
/// The attach and remove steps of the entry pages (Apply and Modify): the chosen files go to
/// <see cref="Attachments"/>, and every refusal comes back as a sentence naming the file and the reason.
/// </summary>
public sealed class AttachmentEntry(Attachments attachments, IStringLocalizer<SharedResource> text)
{
    public async Task<(List<string> Notices, List<string> Errors)> AttachAsync(
        Guid applicantId, Guid draftId, long? caseId, int round, AttachmentPolicy policy, IFormFile? photo, IEnumerable<IFormFile>? documents, CancellationToken cancellationToken)
    {
        var uploads = new List<Upload>();
        if (photo is not null)
        {
            uploads.Add(new Upload(AttachmentKind.FacialPhoto, photo.FileName, photo.Length, photo.OpenReadStream));
        }

        uploads.AddRange((documents ?? []).Select(d => new Upload(AttachmentKind.Document, d.FileName, d.Length, d.OpenReadStream)));
        var (added, refused) = await attachments.AddAsync(applicantId, draftId, caseId, round, policy, uploads, cancellationToken);
        return ([.. added.Select(a => text["FileAttached", a.FileName].Value)], [.. refused.Select(r => text["Error_" + r.Error.Code, r.FileName].Value)]);
    }

    public static bool AnyChosen(IFormFile? photo, IEnumerable<IFormFile>? documents) => photo is not null || (documents?.Any() ?? false);

    public string Message(Error error) => text["Error_" + error.Code];
}
