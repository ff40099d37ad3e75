using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Rasens.Data.Printing;

namespace Rasens.Testing;

/// <summary>
/// Real and bad upload files, made in code so that no binary fixture has to be trusted or kept up to date.
/// The good ones are real: the JPEGs decode in Chromium (see <see cref="Jpeg"/>), the PDFs come from PDFsharp
/// and <c>qpdf --check</c> finds no errors in them (it only warns about how PDFsharp ends its deflate streams),
/// and the protected ones are what PDFsharp's own security settings write (AES-128; pdfinfo and qpdf agree).
/// </summary>
public static class TestFiles
{
    /// <summary>
    /// A real baseline JFIF JPEG in one flat grey: SOI, APP0, DQT, SOF0, DHT (the standard luminance
    /// tables of ITU T.81 Annex K.3), SOS, one DC coefficient and an end-of-block per 8x8 block, EOI.
    /// </summary>
    /// <remarks>
    /// Checked by loading the output into headless Chromium, which reported naturalWidth and naturalHeight
    /// as made and the grey level back from a canvas; this is what a browser shows the examiner.
    /// </remarks>
    /// <param name="exifOrientation">When given, an APP1 Exif segment with that orientation tag (1 to 8).</param>
    public static byte[] Jpeg(int width, int height, byte grey = 200, int? exifOrientation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, ushort.MaxValue);

        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        if (exifOrientation is { } orientation)
        {
            // "Exif\0\0", a big-endian TIFF header and an IFD0 holding only the orientation (SHORT, count 1).
            byte[] exif = [.. "Exif\0\0MM\0*"u8, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];
            Segment(jpeg, 0xE1, exif);
        }

        // A flat quantization table of 8 makes the quantized DC coefficient exactly (grey - 128).
        Segment(jpeg, 0xDB, [0, .. Enumerable.Repeat((byte)8, 64)]);
        Segment(jpeg, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        Segment(jpeg, 0xC4, [0x00, .. DcBits, .. DcValues, 0x10, .. AcBits, .. AcValues]);
        Segment(jpeg, 0xDA, [1, 1, 0x00, 0, 63, 0]);

        var dcCodes = Codes(DcBits, DcValues);
        var endOfBlock = Codes(AcBits, AcValues)[0x00];
        var bits = new BitWriter(jpeg);
        var blocks = ((width + 7) / 8) * ((height + 7) / 8);
        for (var block = 0; block < blocks; block++)
        {
            // DC is coded as the difference to the previous block: the grey once, then nothing.
            var difference = block == 0 ? grey - 128 : 0;
            var category = difference == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(difference));
            bits.Write(dcCodes[(byte)category]);
            if (category > 0)
                bits.Write(((difference < 0 ? difference - 1 : difference) & ((1 << category) - 1), category));
            bits.Write(endOfBlock);
        }

        bits.Flush();
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>A real greyscale PNG (8 bits, no interlace), zlib data from ZLibStream, CRCs computed here.</summary>
    public static byte[] Png(int width, int height, byte grey = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        using var png = new MemoryStream();
        png.Write([0x89, .. "PNG\r\n\u001A\n"u8]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        Chunk(png, "IHDR"u8, header);

        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[width + 1];
                row.AsSpan(1).Fill(grey);
                for (var y = 0; y < height; y++)
                    zlib.Write(row);
            }

            Chunk(png, "IDAT"u8, pixels.ToArray());
        }

        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>A valid PDF from PDFsharp with <paramref name="text"/> on every page, in IPAexGothic (so it is extractable).</summary>
    public static byte[] Pdf(string text = "Rasens test document 在留申請", int pages = 1) =>
        Render(document => AddPages(document, text, pages));

    /// <summary>A valid PDF of exactly <paramref name="bytes"/> bytes: one page plus an embedded file of random (incompressible) bytes.</summary>
    public static byte[] PdfOfSize(long bytes)
    {
        var overhead = Render(document => Embed(document, 0)).Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, overhead);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, int.MaxValue);

        // The size of the length numbers moves the total by a byte or two, so a few rounds settle it.
        var payload = bytes - overhead;
        var pdf = Array.Empty<byte>();
        for (var round = 0; round < 5 && pdf.LongLength != bytes; round++)
        {
            var size = payload;
            pdf = Render(document => Embed(document, (int)size));
            payload += bytes - pdf.LongLength;
        }

        return pdf;
    }

    /// <summary>Needs the password "user" to open (owner password "owner"); PDFsharp writes AES-128.</summary>
    public static byte[] PasswordProtectedPdf() => Render(document =>
    {
        AddPages(document, "Password protected", 1);
        document.SecuritySettings.UserPassword = "user";
        document.SecuritySettings.OwnerPassword = "owner";
    });

    /// <summary>Opens without a password; the owner password forbids printing.</summary>
    public static byte[] PrintForbiddenPdf() => Render(document =>
    {
        AddPages(document, "Printing forbidden", 1);
        document.SecuritySettings.OwnerPassword = "owner";
        document.SecuritySettings.PermitPrint = false;
    });

    /// <summary>Opens without a password; the owner password forbids copying (content extraction).</summary>
    public static byte[] CopyForbiddenPdf() => Render(document =>
    {
        AddPages(document, "Copying forbidden", 1);
        document.SecuritySettings.OwnerPassword = "owner";
        document.SecuritySettings.PermitExtractContent = false;
    });

    /// <summary>Encrypted with an owner password that forbids nothing: nothing shows, yet it is a protected file.</summary>
    public static byte[] OwnerPasswordOnlyPdf() => Render(document =>
    {
        AddPages(document, "Owner password only", 1);
        document.SecuritySettings.OwnerPassword = "owner";
    });

    /// <summary>The first half of a valid PDF, as an interrupted upload leaves it.</summary>
    public static byte[] TruncatedPdf()
    {
        var pdf = Pdf();
        return pdf[..(pdf.Length / 2)];
    }

    public static byte[] TextRenamedPdf() => "This is a plain text file that was renamed to .pdf.\n"u8.ToArray();

    public static byte[] PngRenamedJpg() => Png(300, 400);

    /// <summary>
    /// A PDF written by hand with a classic cross-reference table: object 1 is the catalog, 2 the page tree, 3
    /// its one page; <paramref name="more"/> become objects 4, 5, .... For files no library will write.
    /// </summary>
    public static byte[] HandWrittenPdf(string trailerExtra = "", string catalogExtra = "", params string[] more)
    {
        string[] objects =
        [
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            .. more,
        ];

        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");

        // Latin-1, so that every char is one byte and the offsets above hold.
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>
    /// Certificate security (the /Adobe.PubSec handler, as for "network authentication" protected files):
    /// only the encryption dictionary, which is all a reader looks at before it gives up.
    /// </summary>
    public static byte[] CertificateSecuredPdf() => HandWrittenPdf(
        trailerExtra: "/Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
        more: ["<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 /Length 128 /P -3904 "
            + "/CF << /DefaultCryptFilter << /CFM /AESV2 /Recipients [<3082010A>] >> >> /StmF /DefaultCryptFilter /StrF /DefaultCryptFilter >>"]);

    /// <summary>Arrays nested <paramref name="depth"/> deep in the catalog: PDFsharp overflows its stack at about 2,000.</summary>
    public static byte[] DeeplyNestedPdf(int depth) =>
        HandWrittenPdf(catalogExtra: "/Nested " + new string('[', depth) + new string(']', depth));

    /// <summary>Every stream's length is kept in the next stream: PDFsharp recurses once per link.</summary>
    public static byte[] LengthChainPdf(int links) => HandWrittenPdf(
        more: [.. Enumerable.Range(0, links).Select(i => string.Create(CultureInfo.InvariantCulture, $"<< /Length {i + 5} 0 R >>\nstream\nq Q\nendstream")), "4"]);

    /// <summary>A hex string in the trailer runs to the end of the file: PDFsharp 6.5 scans past the end forever.</summary>
    public static byte[] UnterminatedHexStringPdf()
    {
        var pdf = Encoding.Latin1.GetString(HandWrittenPdf());
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var startXref = pdf.LastIndexOf("startxref", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(pdf[..trailer] + "trailer\n<< /Size 4 /Root 1 0 R /ID [<0A1B2C\n" + pdf[startXref..]);
    }

    /// <summary>
    /// PDF 1.5 layout: the catalog (<paramref name="catalog"/>) inside a Flate-compressed object stream,
    /// found through a cross-reference stream. <paramref name="padding"/> spaces after it make the stream
    /// inflate to that much more (a few bytes of zlib per megabyte).
    /// </summary>
    public static byte[] ObjectStreamPdf(string catalog = "<< /Type /Catalog /Pages 2 0 R >>", int padding = 0)
    {
        byte[] compressed;
        using (var packed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(Encoding.Latin1.GetBytes("1 0 " + catalog));
                var spaces = new byte[1024 * 1024];
                spaces.AsSpan().Fill((byte)' ');
                for (var left = padding; left > 0; left -= spaces.Length)
                    zlib.Write(spaces, 0, Math.Min(left, spaces.Length));
            }

            compressed = packed.ToArray();
        }

        using var pdf = new MemoryStream();
        var offsets = new int[6];
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));

        Write("%PDF-1.7\n");
        offsets[2] = (int)pdf.Length;
        Write("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets[3] = (int)pdf.Length;
        Write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n");
        offsets[4] = (int)pdf.Length;
        Write(string.Create(CultureInfo.InvariantCulture, $"4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n"));
        pdf.Write(compressed);
        Write("\nendstream\nendobj\n");
        offsets[5] = (int)pdf.Length;

        // Rows of /W [1 4 2]: type, offset (or object stream number), generation (or index in the stream).
        var rows = new byte[6 * 7];
        Row(rows, 0, 0, 0, 65535);
        Row(rows, 1, 2, 4, 0);
        for (var i = 2; i <= 5; i++)
            Row(rows, i, 1, offsets[i], 0);
        Write(string.Create(CultureInfo.InvariantCulture, $"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length {rows.Length} >>\nstream\n"));
        pdf.Write(rows);
        Write(string.Create(CultureInfo.InvariantCulture, $"\nendstream\nendobj\nstartxref\n{offsets[5]}\n%%EOF\n"));
        return pdf.ToArray();

        static void Row(byte[] rows, int index, byte type, int field2, ushort field3)
        {
            var row = rows.AsSpan(index * 7, 7);
            row[0] = type;
            BinaryPrimitives.WriteInt32BigEndian(row[1..], field2);
            BinaryPrimitives.WriteUInt16BigEndian(row[5..], field3);
        }
    }

    private static byte[] Render(Action<PdfDocument> build)
    {
        using var document = new PdfDocument();
        build(document);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void AddPages(PdfDocument document, string text, int pages)
    {
        JapaneseFonts.EnsureRegistered();
        var font = new XFont(JapaneseFonts.FamilyName, 14, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        for (var number = 1; number <= pages; number++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawString(text, font, XBrushes.Black, new XPoint(72, 96));
            graphics.DrawString(string.Create(CultureInfo.InvariantCulture, $"{number} / {pages}"), font, XBrushes.Black, new XPoint(72, 800));
        }
    }

    private static void Embed(PdfDocument document, int payloadBytes)
    {
        // No text, so no font: PdfOfSize works without IPAexGothic. Seeded, so every call gives the same bytes.
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
            graphics.DrawRectangle(XBrushes.SteelBlue, 72, 72, 200, 100);

        var payload = new byte[payloadBytes];
        new Random(payloadBytes).NextBytes(payload);

        // Not disposed here: PDFsharp may read the stream only when the document is saved.
        document.AddEmbeddedFile("padding.bin", new MemoryStream(payload, writable: false));
    }

    private static void Segment(MemoryStream jpeg, byte marker, ReadOnlySpan<byte> body)
    {
        jpeg.Write([0xFF, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
        jpeg.Write(body);
    }

    private static void Chunk(MemoryStream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Of(type, data));
        png.Write(number);
    }

    /// <summary>Canonical Huffman codes (T.81 Annex C) from the count of codes per length and the symbols in order.</summary>
    private static Dictionary<byte, (int Code, int Length)> Codes(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> values)
    {
        var codes = new Dictionary<byte, (int Code, int Length)>();
        var code = 0;
        var next = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var i = 0; i < bits[length - 1]; i++)
                codes[values[next++]] = (code++, length);
            code <<= 1;
        }

        return codes;
    }

    // ITU T.81 Table K.3 (luminance DC) and K.5 (luminance AC): counts per code length, then the symbols.
    private static ReadOnlySpan<byte> DcBits => [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];

    private static ReadOnlySpan<byte> DcValues => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    private static ReadOnlySpan<byte> AcBits => [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D];

    private static ReadOnlySpan<byte> AcValues =>
    [
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1, 0x08, 0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1, 0xF0,
        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
        0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
        0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
        0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5,
        0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE1, 0xE2,
        0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
        0xF9, 0xFA,
    ];

    /// <summary>Entropy-coded bits, most significant first, with a 00 stuffed after every FF byte.</summary>
    private sealed class BitWriter(MemoryStream output)
    {
        private int buffer;
        private int count;

        public void Write((int Code, int Length) bits)
        {
            for (var i = bits.Length - 1; i >= 0; i--)
            {
                buffer = (buffer << 1) | ((bits.Code >> i) & 1);
                if (++count == 8)
                    Emit();
            }
        }

        /// <summary>Pads the last byte with 1 bits, as T.81 F.1.2.3 asks.</summary>
        public void Flush()
        {
            while (count != 0)
                Write((1, 1));
        }

        private void Emit()
        {
            output.WriteByte((byte)buffer);
            if (buffer == 0xFF)
                output.WriteByte(0x00);
            buffer = 0;
            count = 0;
        }
    }

    private static class Crc32
    {
        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            return c;
        }).ToArray();

        /// <summary>The PNG chunk CRC: over the type and the data.</summary>
        public static uint Of(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
        {
            var crc = 0xFFFFFFFF;
            foreach (var b in type)
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            foreach (var b in data)
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFF;
        }
    }
}
