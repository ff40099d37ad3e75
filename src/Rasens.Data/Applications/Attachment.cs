namespace Rasens.Data.Applications;

public enum AttachmentKind
{
    FacialPhoto = 1,
    Document = 2,
}

/// <summary>
/// Metadata of an uploaded file. The bytes live behind <see cref="Files.IFileStore"/> under a
/// server-generated name; the applicant's file name is kept only for display and download.
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; }

    /// <summary>Null while the file belongs to a form still being entered.</summary>
    public long? ApplicationId { get; set; }

    public Guid OwnerApplicantId { get; set; }

    /// <summary>The entry session (draft) the file was uploaded in, until it is submitted.</summary>
    public Guid? DraftId { get; set; }

    public AttachmentKind Kind { get; set; }

    public string OriginalFileName { get; set; } = "";

    public string StoredName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    /// <summary>Hex SHA-256 of the content, to detect corruption and duplicates.</summary>
    public string Sha256 { get; set; } = "";

    public DateTime UploadedAt { get; set; }

    /// <summary>Which correction round the file was attached in (0 = original submission).</summary>
    public int Round { get; set; }

    /// <summary>Set when a later round replaced this file; kept for the record, no longer current.</summary>
    public DateTime? SupersededAt { get; set; }

    /// <summary>
    /// The facial photo the case is examined with: of the photos no later round replaced, the one uploaded last
    /// (a new round's photo supersedes the earlier ones when it is attached, see <see cref="Attachments.AttachToCase"/>).
    /// </summary>
    public static Attachment? CurrentPhoto(IEnumerable<Attachment> files) =>
        files.Where(f => f.Kind == AttachmentKind.FacialPhoto && f.SupersededAt is null).OrderBy(f => f.UploadedAt).LastOrDefault();
}
