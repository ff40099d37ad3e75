using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Rasens.Testing;

/// <summary>
/// Reads back a PDF the apps made with PdfPig, the project's one PDF reader: the text a reader's copy or search
/// would get (so a test proves the font is embedded with a usable Unicode map, not only that the writer ran).
/// </summary>
public sealed record PdfText(int PageCount, string Title, IReadOnlyList<string> Pages)
{
    /// <summary>Every page's text, pages separated by a form feed (as pdftotext does).</summary>
    public string Text => string.Join('\f', Pages);

    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = false });
        return new PdfText(
            document.NumberOfPages,
            document.Information.Title ?? "",
            [.. document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page))]);
    }

    public static PdfText Read(string path) => Read(File.ReadAllBytes(path));
}
