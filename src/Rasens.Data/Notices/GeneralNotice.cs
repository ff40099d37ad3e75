using System.Globalization;

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

    /// <summary>Notices are written in Japanese and English only: Japanese for Japanese readers, English for everyone else.</summary>
    public string TitleFor(CultureInfo culture) => IsJapanese(culture) ? TitleJa : TitleEn;

    /// <summary>The body in the reader's language, chosen as <see cref="TitleFor"/> chooses the title.</summary>
    public string BodyFor(CultureInfo culture) => IsJapanese(culture) ? BodyJa : BodyEn;

    private static bool IsJapanese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "ja";
}
