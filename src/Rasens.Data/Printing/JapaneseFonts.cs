using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Rasens.Data.Printing;

/// <summary>
/// Serves IPAexGothic to PDFsharp for every piece of text (Japanese and Latin alike), so one embedded
/// subset covers a whole printout and the text stays extractable. PDFsharp has no fonts of its own on
/// Linux, and <see cref="GlobalFontSettings.FontResolver"/> is process-wide and may be set only once,
/// hence the single instance behind <see cref="EnsureRegistered"/>.
/// </summary>
/// <remarks>
/// IPAexGothic ships a single regular face. Bold is served from that face with PDFsharp's bold
/// simulation (glyphs are filled and stroked), which keeps headings distinguishable without a second font.
/// Italic is not simulated: slanted kana and kanji read poorly, and nothing here asks for it.
/// </remarks>
public sealed class JapaneseFonts : IFontResolver
{
    /// <summary>The family name to pass to <see cref="XFont"/>.</summary>
    public const string FamilyName = "IPAexGothic";

    public const string DebianFontPath = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";

    private const string RegularFace = "IPAexGothic#Regular";

    private static readonly Lock Gate = new();
    private static readonly JapaneseFonts Instance = new();
    private static volatile bool registered;

    private JapaneseFonts()
    {
    }

    /// <summary>
    /// Where the font file is read from. PDFsharp caches the bytes on first use, so a change only
    /// matters before the first document is rendered in the process.
    /// </summary>
    public static string FontPath { get; set; } = DebianFontPath;

    /// <summary>Installs the resolver once per process; safe to call from any thread, any number of times.</summary>
    /// <exception cref="InvalidOperationException">The font file is missing, or another resolver is already installed.</exception>
    public static void EnsureRegistered()
    {
        if (registered)
            return;

        lock (Gate)
        {
            if (registered)
                return;

            // Checked up front so a missing package fails here with a useful message rather than deep
            // inside PDFsharp's font resolution.
            ThrowIfMissing(FontPath);

            var current = GlobalFontSettings.FontResolver;
            if (current is not null && !ReferenceEquals(current, Instance))
            {
                throw new InvalidOperationException(
                    $"PDFsharp already uses the font resolver {current.GetType().FullName}; it cannot be replaced by {nameof(JapaneseFonts)}.");
            }

            GlobalFontSettings.FontResolver = Instance;
            registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase))
            return null;

        return new FontResolverInfo(RegularFace, bold ? XStyleSimulations.BoldSimulation : XStyleSimulations.None);
    }

    public byte[]? GetFont(string faceName) =>
        string.Equals(faceName, RegularFace, StringComparison.Ordinal) ? ReadFont(FontPath) : null;

    internal static byte[] ReadFont(string path)
    {
        ThrowIfMissing(path);
        return File.ReadAllBytes(path);
    }

    private static void ThrowIfMissing(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Japanese font file '{path}' is missing. It is provided by the Debian package fonts-ipaexfont-gothic "
                + $"(apt-get install fonts-ipaexfont-gothic), or set {nameof(JapaneseFonts)}.{nameof(FontPath)} to a copy of ipaexg.ttf.");
        }
    }
}
