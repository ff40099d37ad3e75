namespace Rasens.Data.Notices;

/// <summary>A general notice on the Portal's top page and List of Notices, maintained by administrators.</summary>
public sealed class GeneralNotice
{
    public int Id { get; set; }

    public string TitleJa { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public string BodyJa { get; set; } = "";

    public string BodyEn { get; set; } = "";

    public bool Important { get; set; }

    public DateTime PublishedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public Guid? AuthorId { get; set; }
}
