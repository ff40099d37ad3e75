using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Rasens.Data.Printing;

public sealed record PrintRow(string Label, string Value);

public sealed record PrintSection(string Title, IReadOnlyList<PrintRow> Rows);

public sealed record PrintDocument(string Title, string Subtitle, IReadOnlyList<PrintSection> Sections, string Footer, DateTime PrintedAtUtc);

/// <summary>
/// Renders a details printout (title block, then sections of label/value rows) as an A4 PDF in
/// IPAexGothic. Everything is drawn as real text, so search and copy keep working.
/// </summary>
public static class DetailsPdf
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Margin = 18 * 72 / 25.4;
    private const double ContentWidth = PageWidth - (2 * Margin);
    private const double LabelWidth = ContentWidth * 0.35;
    private const double CellPaddingX = 6;
    private const double CellPaddingY = 4;
    private const double FooterHeight = 24;
    private const double ContentBottom = PageHeight - Margin - FooterHeight;

    // Looser than the font's own line gap: kanji run edge to edge and read better with air between lines.
    private const double LineSpacing = 1.45;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Ink = XColor.FromArgb(0x1A, 0x1A, 0x1A);
    private static readonly XColor Muted = XColor.FromArgb(0x55, 0x55, 0x55);
    private static readonly XSolidBrush InkBrush = new(Ink);
    private static readonly XSolidBrush MutedBrush = new(Muted);
    private static readonly XSolidBrush LabelFill = new(XColor.FromArgb(0xF1, 0xF3, 0xF5));
    private static readonly XPen RowRule = new(XColor.FromArgb(0xB4, 0xB9, 0xBF), 0.5);
    private static readonly XPen StrongRule = new(Ink, 0.9);

    public static byte[] Render(PrintDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        JapaneseFonts.EnsureRegistered();

        using var pdf = new PdfDocument();
        pdf.Info.Title = Clean(document.Title).Replace('\n', ' ');
        pdf.Info.Subject = Clean(document.Subtitle).Replace('\n', ' ');
        pdf.Info.Creator = "Rasens";
        // Pinned to the print time so the same input gives the same document.
        pdf.Info.CreationDate = DateTime.SpecifyKind(document.PrintedAtUtc, DateTimeKind.Utc);
        pdf.Options.CompressContentStreams = true;

        using (var layout = new Layout(pdf))
        {
            layout.WriteTitleBlock(document);
            foreach (var section in document.Sections ?? [])
                layout.WriteSection(section);
        }

        // Page numbers need the final count, so footers go on in a second pass.
        WriteFooters(pdf, Clean(document.Footer).Replace('\n', ' '));

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static XFont Font(double size, bool bold = false) =>
        new(JapaneseFonts.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    private static string PrintedAt(DateTime utc) =>
        JapanTime.FromUtc(utc).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture) + " JST";

    /// <summary>One line ending; tabs and other control characters would draw as missing glyphs.</summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (c == '\n' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static void WriteFooters(PdfDocument pdf, string footer)
    {
        var font = Font(8);
        var count = pdf.PageCount;
        var ruleY = PageHeight - Margin - 14;
        var textY = ruleY + 4;

        // Drawn as three words with half-em gaps: IPAexGothic's space is a third of an em, narrow enough
        // that text extraction (pdftotext -layout) glues "1 / 3" into "1/3" beside Japanese text.
        var gap = font.Size / 2;
        for (var index = 0; index < count; index++)
        {
            using var gfx = XGraphics.FromPdfPage(pdf.Pages[index], XGraphicsPdfPageOptions.Append);
            string[] number = [(index + 1).ToString(CultureInfo.InvariantCulture), "/", count.ToString(CultureInfo.InvariantCulture)];
            var widths = number.Select(part => gfx.MeasureString(part, font).Width).ToArray();
            var numberWidth = widths.Sum() + (gap * (number.Length - 1));
            var left = Ellipsize(gfx, footer, font, ContentWidth - numberWidth - 18);

            gfx.DrawLine(RowRule, Margin, ruleY, PageWidth - Margin, ruleY);
            gfx.DrawString(left, font, MutedBrush, Margin, textY, XStringFormats.TopLeft);
            var x = PageWidth - Margin - numberWidth;
            for (var part = 0; part < number.Length; part++)
            {
                gfx.DrawString(number[part], font, MutedBrush, x, textY, XStringFormats.TopLeft);
                x += widths[part] + gap;
            }
        }
    }

    private static string Ellipsize(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
            return text;

        var elements = LineBreaker.TextElements(text);
        var kept = new StringBuilder();
        foreach (var element in elements)
        {
            if (gfx.MeasureString(kept + element + "…", font).Width > width)
                break;
            kept.Append(element);
        }

        return kept.Append('…').ToString();
    }

    /// <summary>Flows blocks down the pages, opening a new page whenever the next block does not fit.</summary>
    private sealed class Layout : IDisposable
    {
        private readonly PdfDocument pdf;
        private readonly XGraphics measure;
        private readonly TextStyle title = new(Font(16, bold: true));
        private readonly TextStyle subtitle = new(Font(10.5));
        private readonly TextStyle meta = new(Font(8.5));
        private readonly TextStyle heading = new(Font(11, bold: true));
        private readonly TextStyle body = new(Font(9.5));
        private XGraphics? gfx;
        private double y;

        public Layout(PdfDocument pdf)
        {
            this.pdf = pdf;
            measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
            NewPage();
        }

        private XGraphics Graphics => gfx ?? throw new InvalidOperationException("No page is open.");

        private bool AtPageTop => y <= Margin;

        public void WriteTitleBlock(PrintDocument document)
        {
            WriteLines(title, Wrap(title, document.Title, ContentWidth), InkBrush);
            if (!string.IsNullOrWhiteSpace(document.Subtitle))
            {
                y += 2;
                WriteLines(subtitle, Wrap(subtitle, document.Subtitle, ContentWidth), InkBrush);
            }

            y += 2;
            WriteLines(meta, [PrintedAt(document.PrintedAtUtc)], MutedBrush);
            y += 4;
            Graphics.DrawLine(StrongRule, Margin, y, PageWidth - Margin, y);
            y += 14;
        }

        public void WriteSection(PrintSection section)
        {
            var headingLines = Wrap(heading, section.Title, ContentWidth);
            var headingHeight = (headingLines.Count * heading.LineHeight) + 4;
            var rows = section.Rows ?? [];

            // Keep the heading with at least the start of its first row.
            var firstRow = rows.Count > 0 ? Measure(rows[0]) : null;
            var needed = headingHeight + (firstRow is null ? 0 : Math.Min(firstRow.Height, (2 * CellPaddingY) + (3 * body.LineHeight)));
            if (!AtPageTop && y + needed > ContentBottom)
                NewPage();

            WriteLines(heading, headingLines, InkBrush);
            y += 4;

            for (var i = 0; i < rows.Count; i++)
                WriteRow(i == 0 && firstRow is not null ? firstRow : Measure(rows[i]));

            y += 14;
        }

        public void Dispose()
        {
            gfx?.Dispose();
            gfx = null;
            measure.Dispose();
        }

        private void WriteRow(MeasuredRow row)
        {
            // Only a row taller than a whole page is split; anything else moves to the next page intact.
            if (!AtPageTop && y + row.Height > ContentBottom && row.Height <= ContentBottom - Margin)
                NewPage();

            var start = 0;
            while (start < row.LineCount)
            {
                var fit = (int)Math.Floor((ContentBottom - y - (2 * CellPaddingY)) / body.LineHeight);
                if (fit < 1)
                {
                    NewPage();
                    continue;
                }

                var take = Math.Min(fit, row.LineCount - start);
                DrawRowPart(row, start, take);
                start += take;
                if (start < row.LineCount)
                    NewPage();
            }
        }

        private void DrawRowPart(MeasuredRow row, int start, int count)
        {
            var g = Graphics;
            var height = (count * body.LineHeight) + (2 * CellPaddingY);
            var right = PageWidth - Margin;
            var valueX = Margin + LabelWidth;

            g.DrawRectangle(LabelFill, Margin, y, LabelWidth, height);
            g.DrawLine(RowRule, Margin, y, right, y);
            g.DrawLine(RowRule, Margin, y + height, right, y + height);
            g.DrawLine(RowRule, valueX, y, valueX, y + height);

            for (var i = 0; i < count; i++)
            {
                var lineY = y + CellPaddingY + (i * body.LineHeight) + body.Leading;
                var line = start + i;
                if (line < row.Label.Count)
                    g.DrawString(row.Label[line], body.Font, InkBrush, Margin + CellPaddingX, lineY, XStringFormats.TopLeft);
                if (line < row.Value.Count)
                    g.DrawString(row.Value[line], body.Font, InkBrush, valueX + CellPaddingX, lineY, XStringFormats.TopLeft);
            }

            y += height;
        }

        private MeasuredRow Measure(PrintRow row) => new(
            Wrap(body, row.Label, LabelWidth - (2 * CellPaddingX)),
            Wrap(body, row.Value, ContentWidth - LabelWidth - (2 * CellPaddingX)),
            body.LineHeight);

        private void WriteLines(TextStyle style, IReadOnlyList<string> lines, XBrush brush)
        {
            foreach (var line in lines)
            {
                if (y + style.LineHeight > ContentBottom)
                    NewPage();
                Graphics.DrawString(line, style.Font, brush, Margin, y + style.Leading, XStringFormats.TopLeft);
                y += style.LineHeight;
            }
        }

        private List<string> Wrap(TextStyle style, string? text, double width) =>
            LineBreaker.Wrap(Clean(text), element => style.Width(measure, element), width);

        private void NewPage()
        {
            gfx?.Dispose();
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }
    }

    private sealed class TextStyle(XFont font)
    {
        private readonly Dictionary<string, double> widths = new(StringComparer.Ordinal);

        public XFont Font { get; } = font;

        public double LineHeight { get; } = font.Size * LineSpacing;

        /// <summary>Centres the font's own line box inside the taller line.</summary>
        public double Leading { get; } = ((font.Size * LineSpacing) - font.GetHeight()) / 2;

        public double Width(XGraphics measure, string element)
        {
            if (!widths.TryGetValue(element, out var width))
            {
                width = measure.MeasureString(element, Font).Width;
                widths[element] = width;
            }

            return width;
        }
    }

    private sealed record MeasuredRow(List<string> Label, List<string> Value, double LineHeight)
    {
        public int LineCount { get; } = Math.Max(1, Math.Max(Label.Count, Value.Count));

        public double Height => (LineCount * LineHeight) + (2 * CellPaddingY);
    }
}

/// <summary>
/// Greedy line breaking for mixed Japanese and Latin text. Latin words break at spaces; a line may
/// break between any two characters where either is CJK (kana, kanji, full-width forms), except
/// before closing punctuation and small kana or after opening brackets (a light kinsoku shori).
/// A run with no break opportunity that is wider than the line is cut at the last character that fits.
/// </summary>
internal static class LineBreaker
{
    private const string NoLineStart = "、。，．・：；？！ー―‐〜～ヽヾゝゞ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ）〕］｝〉》」』】〙〗,.:;!?)]}%";
    private const string NoLineEnd = "（〔［｛〈《「『【〘〖([{";

    public static List<string> Wrap(string text, Func<string, double> measure, double maxWidth)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
            WrapParagraph(TextElements(paragraph), measure, maxWidth, lines);
        return lines;
    }

    public static List<string> TextElements(string text)
    {
        var elements = new List<string>(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
            elements.Add(enumerator.GetTextElement());
        return elements;
    }

    private static void WrapParagraph(List<string> elements, Func<string, double> measure, double maxWidth, List<string> lines)
    {
        var start = 0;
        var width = 0.0;
        var lastBreak = -1;
        var i = 0;
        while (i < elements.Count)
        {
            var element = elements[i];
            var elementWidth = measure(element);
            if (i > start && CanBreakBefore(elements[i - 1], element))
                lastBreak = i;

            // Spaces may hang past the edge; they are trimmed from the end of the line.
            if (i > start && width + elementWidth > maxWidth && !IsSpace(element))
            {
                var cut = lastBreak > start ? lastBreak : i;
                lines.Add(Join(elements, start, cut).TrimEnd(' ', '\u3000'));
                start = cut;
                while (start < i && IsSpace(elements[start]))
                    start++;
                width = 0;
                for (var k = start; k < i; k++)
                    width += measure(elements[k]);
                lastBreak = -1;
                continue;
            }

            width += elementWidth;
            i++;
        }

        lines.Add(Join(elements, start, elements.Count));
    }

    private static bool CanBreakBefore(string previous, string next)
    {
        if (IsSpace(next))
            return false;
        if (IsSpace(previous))
            return true;
        if (IsOneOf(next, NoLineStart) || IsOneOf(previous, NoLineEnd))
            return false;
        return IsWide(previous) || IsWide(next);
    }

    private static bool IsSpace(string element) => element is " " or "\u3000";

    private static bool IsOneOf(string element, string set) => element.Length == 1 && set.Contains(element[0], StringComparison.Ordinal);

    private static bool IsWide(string element)
    {
        var value = Rune.GetRuneAt(element, 0).Value;
        return value is (>= 0x1100 and <= 0x11FF)
            or (>= 0x2E80 and <= 0xA4CF)
            or (>= 0xAC00 and <= 0xD7AF)
            or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F)
            or (>= 0xFF00 and <= 0xFFEF)
            or (>= 0x20000 and <= 0x3FFFF);
    }

    private static string Join(List<string> elements, int from, int to)
    {
        var builder = new StringBuilder();
        for (var k = from; k < to; k++)
            builder.Append(elements[k]);
        return builder.ToString();
    }
}
