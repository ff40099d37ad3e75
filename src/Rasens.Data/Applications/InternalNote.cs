namespace Rasens.Data.Applications;

/// <summary>A note between staff on a case. Never shown in the Portal.</summary>
public sealed class InternalNote
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    public Guid AuthorId { get; set; }

    public string AuthorName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string Text { get; set; } = "";
}
