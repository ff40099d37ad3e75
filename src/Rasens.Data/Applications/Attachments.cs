using Microsoft.EntityFrameworkCore;
using Rasens.Data.Files;
using Rasens.Data.Forms;

namespace Rasens.Data.Applications;

/// <summary>One attached file as lists show it.</summary>
public sealed record AttachmentView(Guid Id, AttachmentKind Kind, string FileName, long Length, int Round, DateTime UploadedAt);

/// <summary>A file the applicant chose, before it is checked.</summary>
public sealed record Upload(AttachmentKind Kind, string FileName, long Length, Func<Stream> Open);

/// <summary>Why one file was not attached; the page says it with the file's name.</summary>
public sealed record FileRefusal(string FileName, Error Error);

/// <summary>
/// Attachments (DOMAIN §5). While a form is being entered its files belong to the entry (the draft: the
/// submission key, or the key of a correction) and to the applicant, never to anyone else. Each file is
/// checked by content (<see cref="AttachmentInspector"/>), stored under a server-generated name, and
/// counted against 20 files and 25 MB with the case's files. Apply or resubmission moves the draft onto
/// the case in the same transaction (<see cref="AttachToCase"/>).
/// </summary>
public sealed class Attachments(RasensDbContext db, IFileStore files, TimeProvider clock)
{
    public static Error PhotoRequired { get; } = new("attachment.photo-required", "The facial photo is required.");

    public static Error PhotoAgain { get; } = new("attachment.photo-again", "The examiner asked for a new facial photo.");

    public static Error DocumentsAgain { get; } = new("attachment.documents-again", "The examiner asked for documents to be attached again.");

    public static Error PhotoNotAllowed { get; } = new("attachment.photo-not-allowed", "This procedure takes no facial photo.");

    public static Error NotAllowed { get; } = new("attachment.not-allowed", "This procedure takes no attachments.");

    /// <summary>How long files of a form never applied for are kept.</summary>
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromDays(2);

    public async Task<IReadOnlyList<AttachmentView>> DraftAsync(Guid applicantId, Guid draftId, CancellationToken cancellationToken = default) =>
        await Views(db.Attachments.Where(a => a.OwnerApplicantId == applicantId && a.DraftId == draftId && a.ApplicationId == null), cancellationToken);

    /// <summary>The case's current files (not those replaced in a later round).</summary>
    public async Task<IReadOnlyList<AttachmentView>> OfCaseAsync(long applicationId, CancellationToken cancellationToken = default) =>
        await Views(db.Attachments.Where(a => a.ApplicationId == applicationId && a.SupersededAt == null), cancellationToken);

    /// <summary>
    /// Checks and stores each chosen file; one refused file does not stop the others. A new photo replaces the
    /// draft's earlier one. <paramref name="caseId"/> is the case being corrected, whose files count too.
    /// </summary>
    public async Task<(IReadOnlyList<AttachmentView> Added, IReadOnlyList<FileRefusal> Refused)> AddAsync(
        Guid applicantId, Guid draftId, long? caseId, int round, AttachmentPolicy policy, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(uploads);
        var added = new List<AttachmentView>();
        var refused = new List<FileRefusal>();
        foreach (var upload in uploads)
        {
            var name = SafeFileName(upload.FileName);
            if (!policy.Any || (upload.Kind == AttachmentKind.FacialPhoto && !policy.Photo) || (upload.Kind == AttachmentKind.Document && !policy.Documents))
            {
                refused.Add(new FileRefusal(name, policy.Any ? PhotoNotAllowed : NotAllowed));
                continue;
            }

            if (upload.Length > AttachmentInspector.MaxTotalBytes)
            {
                refused.Add(new FileRefusal(name, AttachmentInspector.TooLarge));
                continue;
            }

            // Checked before the file is read and inspected, and again under the entry's lock before it is added.
            var (draft, limit) = await EntryLimitAsync(applicantId, draftId, caseId, upload, cancellationToken);
            if (limit is not null)
            {
                refused.Add(new FileRefusal(name, limit));
                continue;
            }

            byte[] content;
            await using (var stream = upload.Open())
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
                content = buffer.ToArray();
            }

            var inspected = AttachmentInspector.Inspect(upload.Kind, name, content);
            if (!inspected.Succeeded)
            {
                refused.Add(new FileRefusal(name, inspected.Error!));
                continue;
            }

            var file = inspected.Value!;
            // Counted again under the entry's lock, in the transaction that adds the file: two Attach posts of one
            // entry at the same instant cannot both pass the limits checked above.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                // SQLite's transactions already take the write lock at their start (BEGIN IMMEDIATE).
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({draftId.ToString()}, 0))", cancellationToken);
            }

            (draft, var reached) = await EntryLimitAsync(applicantId, draftId, caseId, upload, cancellationToken);
            if (reached is not null)
            {
                refused.Add(new FileRefusal(name, reached));
                continue;
            }

            var attachment = new Attachment
            {
                Id = Guid.NewGuid(),
                OwnerApplicantId = applicantId,
                DraftId = draftId,
                Kind = upload.Kind,
                OriginalFileName = name,
                StoredName = LocalFileStore.NewName(file.Extension),
                ContentType = file.ContentType,
                Length = file.Length,
                Sha256 = file.Sha256,
                UploadedAt = clock.GetUtcNow().UtcDateTime,
                Round = round,
            };
            using (var bytes = new MemoryStream(content, writable: false))
            {
                await files.SaveAsync(attachment.StoredName, bytes, cancellationToken);
            }

            var replaced = upload.Kind == AttachmentKind.FacialPhoto ? draft.Where(a => a.Kind == AttachmentKind.FacialPhoto).ToList() : [];
            db.Attachments.RemoveRange(replaced);
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var old in replaced)
            {
                await files.DeleteAsync(old.StoredName, cancellationToken);
            }

            added.Add(View(attachment));
        }

        return (added, refused);
    }

    /// <summary>
    /// The entry's files (the draft's, and a corrected case's current ones) against the limits, with the upload added;
    /// a new photo takes the place of the one before it, so that one no longer counts. Also returns the draft's files.
    /// </summary>
    private async Task<(List<Attachment> Draft, Error? Limit)> EntryLimitAsync(Guid applicantId, Guid draftId, long? caseId, Upload upload, CancellationToken cancellationToken)
    {
        var draft = await db.Attachments.Where(a => a.OwnerApplicantId == applicantId && a.DraftId == draftId && a.ApplicationId == null).ToListAsync(cancellationToken);
        var kept = caseId is { } id ? await db.Attachments.Where(a => a.ApplicationId == id && a.SupersededAt == null).ToListAsync(cancellationToken) : [];
        var counted = draft.Concat(kept).Where(a => upload.Kind != AttachmentKind.FacialPhoto || a.Kind != AttachmentKind.FacialPhoto).ToList();
        return (draft, AttachmentInspector.CheckTotals(counted.Count, counted.Sum(a => a.Length), upload.Length));
    }

    /// <summary>Removes one of the draft's files; null when the draft has no such file (someone else's, or already applied).</summary>
    public async Task<string?> RemoveAsync(Guid applicantId, Guid draftId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var attachment = await db.Attachments.SingleOrDefaultAsync(
            a => a.Id == attachmentId && a.OwnerApplicantId == applicantId && a.DraftId == draftId && a.ApplicationId == null, cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(attachment.StoredName, cancellationToken);
        return attachment.OriginalFileName;
    }

    /// <summary>
    /// What is still missing before Apply or resubmission: the photo the procedure needs, and on a correction
    /// the photo or documents the examiner asked for again.
    /// </summary>
    public async Task<Error?> MissingAsync(Guid applicantId, Guid draftId, long? caseId, AttachmentPolicy policy, IReadOnlyList<CorrectionItem>? requested, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var draft = await db.Attachments.Where(a => a.OwnerApplicantId == applicantId && a.DraftId == draftId && a.ApplicationId == null)
            .Select(a => a.Kind).ToListAsync(cancellationToken);
        if (requested is not null)
        {
            if (requested.Any(i => i.Kind == CorrectionItemKind.Photo) && !draft.Contains(AttachmentKind.FacialPhoto))
            {
                return PhotoAgain;
            }

            if (requested.Any(i => i.Kind == CorrectionItemKind.Document) && !draft.Contains(AttachmentKind.Document))
            {
                return DocumentsAgain;
            }
        }

        if (!policy.PhotoRequired || draft.Contains(AttachmentKind.FacialPhoto))
        {
            return null;
        }

        var onCase = caseId is { } id && await db.Attachments.AnyAsync(a => a.ApplicationId == id && a.SupersededAt == null && a.Kind == AttachmentKind.FacialPhoto, cancellationToken);
        return onCase ? null : PhotoRequired;
    }

    /// <summary>
    /// Moves the draft's files onto the case (tracked; the caller saves in its transaction). A photo of a later
    /// round supersedes the case's earlier one; earlier documents stay.
    /// </summary>
    public async Task AttachToCase(Application application, Guid draftId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var draft = await db.Attachments.Where(a => a.OwnerApplicantId == application.ApplicantId && a.DraftId == draftId && a.ApplicationId == null).ToListAsync(cancellationToken);
        if (draft.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (draft.Any(a => a.Kind == AttachmentKind.FacialPhoto))
        {
            foreach (var old in await db.Attachments.Where(a => a.ApplicationId == application.Id && a.Kind == AttachmentKind.FacialPhoto && a.SupersededAt == null).ToListAsync(cancellationToken))
            {
                old.SupersededAt = now;
            }
        }

        foreach (var attachment in draft)
        {
            attachment.ApplicationId = application.Id;
            attachment.DraftId = null;
        }
    }

    /// <summary>A file of the applicant's own case, to download; null for anyone else's.</summary>
    public async Task<(Attachment Attachment, Stream Content)?> OpenOwnAsync(Guid applicantId, long applicationId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var attachment = await db.Attachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == applicationId && a.OwnerApplicantId == applicantId, cancellationToken);
        if (attachment is null || await files.OpenReadAsync(attachment.StoredName, cancellationToken) is not { } content)
        {
            return null;
        }

        return (attachment, content);
    }

    /// <summary>Deletes the files of forms that were never applied for (the entry was abandoned).</summary>
    public async Task<int> PurgeAbandonedDraftsAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - DraftLifetime;
        var abandoned = await db.Attachments.Where(a => a.ApplicationId == null && a.UploadedAt < before).ToListAsync(cancellationToken);
        db.Attachments.RemoveRange(abandoned);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var attachment in abandoned)
        {
            await files.DeleteAsync(attachment.StoredName, cancellationToken);
        }

        return abandoned.Count;
    }

    /// <summary>
    /// The name to show and to offer on download: the last part of whatever path the browser sent, without
    /// control or reserved characters, at most 255 characters with its extension kept.
    /// </summary>
    public static string SafeFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new string([.. last.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))]).Trim().TrimStart('.');
        if (clean.Length == 0)
        {
            return "file";
        }

        if (clean.Length <= 255)
        {
            return clean;
        }

        var extension = Path.GetExtension(clean);
        return extension.Length is > 0 and <= 10 ? clean[..(255 - extension.Length)] + extension : clean[..255];
    }

    private static AttachmentView View(Attachment a) => new(a.Id, a.Kind, a.OriginalFileName, a.Length, a.Round, a.UploadedAt);

    /// <summary>The photo first, then documents in the order attached (kinds are stored by name, so sorted here).</summary>
    private static async Task<IReadOnlyList<AttachmentView>> Views(IQueryable<Attachment> query, CancellationToken cancellationToken) =>
        [.. (await query.AsNoTracking().Select(a => new AttachmentView(a.Id, a.Kind, a.OriginalFileName, a.Length, a.Round, a.UploadedAt)).ToListAsync(cancellationToken))
            .OrderBy(a => a.Kind).ThenBy(a => a.UploadedAt)];
}
