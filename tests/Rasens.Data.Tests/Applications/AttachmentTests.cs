using Rasens.Data.Applications;

namespace Rasens.Data.Tests.Applications;

/// <summary>Which facial photo a case is examined with.</summary>
public sealed class AttachmentTests
{
    private static readonly DateTime Start = new(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CurrentPhoto_IsTheLastPhotoNoLaterRoundReplaced()
    {
        var first = File(AttachmentKind.FacialPhoto, Start, superseded: Start.AddDays(3));
        var second = File(AttachmentKind.FacialPhoto, Start.AddDays(3));
        var document = File(AttachmentKind.Document, Start.AddDays(4));

        Assert.Same(second, Attachment.CurrentPhoto([second, document, first]));
    }

    [Fact]
    public void CurrentPhoto_OnlyReplacedPhotosOrNone_IsNull()
    {
        Assert.Null(Attachment.CurrentPhoto([File(AttachmentKind.FacialPhoto, Start, superseded: Start.AddDays(1)), File(AttachmentKind.Document, Start)]));
        Assert.Null(Attachment.CurrentPhoto([]));
    }

    private static Attachment File(AttachmentKind kind, DateTime uploaded, DateTime? superseded = null) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        OriginalFileName = kind == AttachmentKind.FacialPhoto ? "photo.jpg" : "document.pdf",
        UploadedAt = uploaded,
        SupersededAt = superseded,
    };
}
