using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rasens.Data.Printing;
using Rasens.Testing;

namespace Rasens.Data.Tests.Printing;

/// <summary>
/// Reads the PDFs back with PdfPig (the same text a reader's copy or search would get), so these tests prove
/// the font is embedded with a usable Unicode map, not just that PDFsharp ran; pdffonts (poppler) lists the fonts.
/// </summary>
public sealed class DetailsPdfTests : IDisposable
{
    private static readonly DateTime PrintedAt = new(2026, 11, 22, 2, 10, 0, DateTimeKind.Utc);
    private const string Footer = "Rasens 在留申請オンラインシステム";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("rasens-print-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Render_JapaneseAndEnglishRows_EveryLabelAndValueIsExtractable()
    {
        var rows = new PrintRow[]
        {
            new("氏名（英字）", "TANAKA TARO"),
            new("住居地", "東京都千代田区霞が関１－１－１"),
            new("在留カード番号", "AB12345678CD"),
            new("手続名", "在留期間更新許可申請"),
            new("Name", "NGUYEN VAN AN"),
            new("Nationality/Region", "Viet Nam"),
            new("Application number", "R-2026-000123"),
        };
        var pdf = await WriteAsync(Document([new PrintSection("申請人等情報 Applicant", rows)]));

        var text = await TextAsync(pdf);

        Assert.Contains("在留申請の詳細", text, StringComparison.Ordinal);
        Assert.Contains("2026/11/22 11:10 JST", text, StringComparison.Ordinal);
        Assert.Contains("申請人等情報 Applicant", text, StringComparison.Ordinal);
        foreach (var row in rows)
        {
            Assert.Contains(row.Label, text, StringComparison.Ordinal);
            Assert.Contains(row.Value, text, StringComparison.Ordinal);
        }

        Assert.Contains("1 / 1", text, StringComparison.Ordinal);
        Assert.Equal("在留申請の詳細", ReadTitle(pdf));
    }

    [Fact]
    public async Task Render_AnyDocument_EmbedsIpaexGothicSubset()
    {
        var pdf = await WriteAsync(Document([new PrintSection("手続", [new PrintRow("手続名", "在留期間更新許可申請"), new PrintRow("Status", "Received")])]));

        var fonts = await RunAsync("pdffonts", pdf);

        // pdffonts columns: name type encoding emb sub uni object-id
        var lines = fonts.Split('\n').Where(line => line.Contains("+IPAexGothic", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"\syes\s+yes\s+yes\s", line));
        Assert.DoesNotContain(fonts.Split('\n').Skip(2), line => line.Length > 0 && !line.Contains("+IPAexGothic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_120Rows_SpansPagesWithNumberedFooters()
    {
        var rows = Enumerable.Range(1, 120)
            .Select(i => new PrintRow(string.Create(CultureInfo.InvariantCulture, $"項目 {i:000}"), string.Create(CultureInfo.InvariantCulture, $"値 {i:000} 在留期間更新許可申請")))
            .ToList();
        var pdf = await WriteAsync(Document([new PrintSection("一覧", rows)]));

        var pages = PdfText.Read(pdf).PageCount;
        var text = await TextAsync(pdf);

        Assert.True(pages > 1, $"Expected more than one page, got {pages}.");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"1 / {pages}"), text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{pages} / {pages}"), text, StringComparison.Ordinal);
        Assert.Equal(pages, Regex.Count(text, Regex.Escape(Footer)));
        Assert.Contains("項目 001", text, StringComparison.Ordinal);
        Assert.Contains("値 120 在留期間更新許可申請", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PageBreak_NeverSplitsAnOrdinaryRow()
    {
        // Three-line values make rows that would straddle the page edge if they were not moved whole.
        var rows = Enumerable.Range(1, 60)
            .Select(i => new PrintRow(string.Create(CultureInfo.InvariantCulture, $"項目 {i:00}"), string.Create(CultureInfo.InvariantCulture, $"{i:00}a\n{i:00}b\n{i:00}c")))
            .ToList();
        var pdf = await WriteAsync(Document([new PrintSection("一覧", rows)]));

        var pages = (await TextAsync(pdf)).Split('\f');

        Assert.True(pages.Length > 2, "Expected the rows to run over at least two pages.");
        for (var i = 1; i <= 60; i++)
        {
            var parts = string.Create(CultureInfo.InvariantCulture, $"{i:00}");
            Assert.Single(pages, page => page.Contains(parts + "a", StringComparison.Ordinal) && page.Contains(parts + "c", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Render_VeryLongJapaneseValue_WrapsAndIsFullyExtracted()
    {
        const string Source = "在留期間更新許可申請東京都千代田区霞が関出入国在留管理庁日本語の長い文章を折り返す";
        var value = string.Concat(Enumerable.Range(0, 2000).Select(i => Source[(i * 7) % Source.Length]));
        var pdf = await WriteAsync(Document([new PrintSection("備考", [new PrintRow("内容", value)])]));

        var text = await TextAsync(pdf);

        var valueLines = text.Split('\n').Count(line => line.Any(c => Source.Contains(c, StringComparison.Ordinal)));
        Assert.True(valueLines > 20, $"Expected the value to wrap over many lines, got {valueLines}.");
        Assert.True(PdfText.Read(pdf).PageCount >= 2, "Expected the value, taller than a page, to continue on a second page.");
        // Footers and the page break sit between the parts of a value that runs over a page.
        var joined = Regex.Replace(text, @"\s+", string.Empty);
        joined = Regex.Replace(joined, Regex.Escape(Footer.Replace(" ", string.Empty, StringComparison.Ordinal)) + @"\d+/\d+", string.Empty);
        Assert.Contains(value, joined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MarkupAndAmpersand_ComeOutLiterally()
    {
        const string Value = "<script>alert('x')</script> & Co. &amp; <b>";
        var pdf = await WriteAsync(Document([new PrintSection("Notes & <remarks>", [new PrintRow("A&B <i>", Value)])]));

        var text = await TextAsync(pdf);

        Assert.Contains(Value, text, StringComparison.Ordinal);
        Assert.Contains("A&B <i>", text, StringComparison.Ordinal);
        Assert.Contains("Notes & <remarks>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Sample_RastersToPng()
    {
        var pdf = await WriteAsync(Sample());

        await RunAsync("pdftoppm", "-r", "60", "-png", pdf, Path.Combine(folder.FullName, "sample"));

        var png = Assert.Single(folder.GetFiles("sample*.png"));
        var header = new byte[8];
        await using (var stream = png.OpenRead())
            await stream.ReadExactlyAsync(header, TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], header);
    }

    [Fact]
    public async Task Render_SameInput_SameText()
    {
        var first = await TextAsync(await WriteAsync(Sample()));
        var second = await TextAsync(await WriteAsync(Sample()));

        Assert.Equal(first, second);
    }

    [Fact]
    public void ReadFont_MissingFile_NamesFileAndPackage()
    {
        var missing = Path.Combine(folder.FullName, "ipaexg.ttf");

        var error = Assert.Throws<InvalidOperationException>(() => JapaneseFonts.ReadFont(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-ipaexfont-gothic", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("在留期間更新", 4, "在留期間|更新")]
    [InlineData("TANAKA TARO YAMADA", 12, "TANAKA TARO|YAMADA")]
    [InlineData("ABCDEFGHIJ", 4, "ABCD|EFGH|IJ")]
    [InlineData("申請。完了しました", 2, "申|請。|完了|しま|した")]
    [InlineData("（東京）都", 3, "（東|京）都")]
    [InlineData("𠮷野家", 2, "𠮷野|家")]
    [InlineData("一行目\n\n三行目", 10, "一行目||三行目")]
    [InlineData("Visa 在留資格", 5, "Visa|在留資格")]
    public void Wrap_FixedWidthCharacters_BreaksWhereAllowed(string text, int width, string expected)
    {
        var lines = LineBreaker.Wrap(text, _ => 1, width);

        Assert.Equal(expected, string.Join('|', lines));
    }

    private static PrintDocument Document(IReadOnlyList<PrintSection> sections) =>
        new("在留申請の詳細", "Application details / 申請内容の確認", sections, Footer, PrintedAt);

    private static PrintDocument Sample() => Document(
    [
        new PrintSection("申請人等情報 Applicant", [
            new PrintRow("氏名（英字）", "TANAKA TARO"),
            new PrintRow("生年月日", "1990/04/01"),
            new PrintRow("住居地", "東京都千代田区霞が関１－１－１"),
            new PrintRow("在留カード番号", "AB12345678CD"),
            new PrintRow("Email address", "taro.yamada+visa@mail.example.co.jp"),
        ]),
        new PrintSection("申請内容 Application", [
            new PrintRow("手続名", "在留期間更新許可申請"),
            new PrintRow("希望する在留期間", "3年"),
            new PrintRow("更新の理由", "引き続き現在の会社で技術者として勤務するため。勤務先は東京都港区にあり、雇用契約は期間の定めのないものです。"),
            new PrintRow("Remarks", "The applicant has lived in Japan since 2019 and works as a software engineer.\nSecond line kept as written."),
        ]),
    ]);

    private async Task<string> WriteAsync(PrintDocument document)
    {
        var path = Path.Combine(folder.FullName, Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, DetailsPdf.Render(document), TestContext.Current.CancellationToken);
        return path;
    }

    private static string ReadTitle(string pdf) => PdfText.Read(pdf).Title;

    private static Task<string> TextAsync(string pdf) => Task.FromResult(PdfText.Read(pdf).Text);

    private static Task<string> RunAsync(string tool, params string[] arguments) => Poppler.RunAsync(tool, arguments, TestContext.Current.CancellationToken);
}
