using System.Diagnostics;
using System.Security.Cryptography;
using Rasens.Data.Applications;
using Rasens.Data.Files;
using Rasens.Testing;

namespace Rasens.Data.Tests.Files;

public sealed class AttachmentInspectorTests
{
    private const long Megabyte = 1024 * 1024;

    // Rendering with the embedded font takes a moment; the bytes never change, so each is made once.
    private static readonly Lazy<byte[]> ValidPdf = new(() => TestFiles.Pdf());
    private static readonly Lazy<byte[]> Portrait = new(() => TestFiles.Jpeg(300, 400));

    [Fact]
    public void Inspect_Portrait300x400Jpeg_AcceptedWithSizeAndHash()
    {
        var jpeg = Portrait.Value;

        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", jpeg);

        Assert.True(result.Succeeded, result.Error?.Code);
        var file = result.Value!;
        Assert.Equal(AttachmentKind.FacialPhoto, file.Kind);
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal(".jpg", file.Extension);
        Assert.Equal(jpeg.Length, file.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(jpeg)), file.Sha256);
        Assert.Equal(300, file.Width);
        Assert.Equal(400, file.Height);
    }

    [Theory]
    [InlineData("photo.jpeg")]
    [InlineData("PHOTO.JPG")]
    [InlineData(@"C:\Users\tanaka\Pictures\顔写真.Jpeg")]
    public void Inspect_JpegExtensionInAnyCase_AcceptedAsJpg(string fileName)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, fileName, Portrait.Value);

        Assert.True(result.Succeeded, result.Error?.Code);
        Assert.Equal(".jpg", result.Value!.Extension);
    }

    [Theory]
    [InlineData(400, 400)]
    [InlineData(400, 300)]
    [InlineData(300, 300)]
    [InlineData(300, 450)]
    public void Inspect_JpegNotFourToThreePortrait_RefusedPhotoRatio(int width, int height)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", TestFiles.Jpeg(width, height));

        Assert.Equal("attachment.photo-ratio", result.Error?.Code);
    }

    [Theory]
    [InlineData(300, 396, true)]
    [InlineData(300, 404, true)]
    [InlineData(600, 801, true)]
    [InlineData(300, 395, false)]
    [InlineData(300, 405, false)]
    public void Inspect_RatioNearFourToThree_AcceptedWithinOnePercent(int width, int height, bool accepted)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", TestFiles.Jpeg(width, height));

        Assert.Equal(accepted ? null : "attachment.photo-ratio", result.Error?.Code);
    }

    [Fact]
    public void Inspect_LandscapePixelsTurnedByExif_AcceptedAsShownPortrait()
    {
        // Phones store the sensor's landscape pixels and an orientation tag; browsers show the turned picture.
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", TestFiles.Jpeg(400, 300, exifOrientation: 6));

        Assert.True(result.Succeeded, result.Error?.Code);
        Assert.Equal(300, result.Value!.Width);
        Assert.Equal(400, result.Value.Height);
    }

    [Fact]
    public void Inspect_PortraitPixelsTurnedByExif_RefusedPhotoRatio()
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", TestFiles.Jpeg(300, 400, exifOrientation: 8));

        Assert.Equal("attachment.photo-ratio", result.Error?.Code);
    }

    [Fact]
    public void Inspect_PngNamedJpg_RefusedPhotoNotJpeg()
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", TestFiles.PngRenamedJpg());

        Assert.Equal("attachment.photo-not-jpeg", result.Error?.Code);
    }

    [Theory]
    [InlineData("photo.png")]
    [InlineData("photo")]
    [InlineData("photo.jpg.pdf")]
    public void Inspect_JpegNotNamedJpg_RefusedPhotoExtension(string fileName)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, fileName, Portrait.Value);

        Assert.Equal("attachment.photo-extension", result.Error?.Code);
    }

    [Fact]
    public void Inspect_JpegCutBeforeFrameHeader_RefusedPhotoUnreadable()
    {
        var jpeg = Portrait.Value;
        var frame = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);

        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", jpeg[..frame]);

        Assert.Equal("attachment.photo-unreadable", result.Error?.Code);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Inspect_JpegCutShort_RefusedPhotoUnreadable(int keptQuarters)
    {
        // Cut inside the image data, or just before the end marker: the size is known but the picture is not whole.
        var jpeg = Portrait.Value;
        var kept = keptQuarters == 4 ? jpeg.Length - 2 : jpeg.Length * keptQuarters / 4;

        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", jpeg[..kept]);

        Assert.Equal("attachment.photo-unreadable", result.Error?.Code);
    }

    [Fact]
    public void Inspect_JpegSignatureOnly_RefusedPhotoUnreadable()
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "photo.jpg", [0xFF, 0xD8, 0xFF]);

        Assert.Equal("attachment.photo-unreadable", result.Error?.Code);
    }

    [Fact]
    public void Inspect_ValidPdf_AcceptedWithHash()
    {
        var pdf = ValidPdf.Value;

        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "在留カード.PDF", pdf);

        Assert.True(result.Succeeded, result.Error?.Code);
        var file = result.Value!;
        Assert.Equal(AttachmentKind.Document, file.Kind);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(".pdf", file.Extension);
        Assert.Equal(pdf.Length, file.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), file.Sha256);
        Assert.Null(file.Width);
        Assert.Null(file.Height);
    }

    public static TheoryData<string, byte[]> AcceptedPdfs => new()
    {
        { "three pages", TestFiles.Pdf("Passport copy", pages: 3) },
        { "embedded file, 1 MB", TestFiles.PdfOfSize(Megabyte) },
        { "object and cross-reference streams", TestFiles.ObjectStreamPdf() },
        { "arrays nested 50 deep", TestFiles.DeeplyNestedPdf(50) },
    };

    [Theory]
    [MemberData(nameof(AcceptedPdfs))]
    public void Inspect_ValidPdfOfAnotherShape_Accepted(string shape, byte[] pdf)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", pdf);

        Assert.True(result.Succeeded, $"{shape}: {result.Error?.Code}");
    }

    [Fact]
    public void Inspect_PasswordProtectedPdf_RefusedPdfEncrypted()
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", TestFiles.PasswordProtectedPdf());

        Assert.Equal("attachment.pdf-encrypted", result.Error?.Code);
    }

    public static TheoryData<string, byte[]> RestrictedPdfs => new()
    {
        { "printing forbidden", TestFiles.PrintForbiddenPdf() },
        { "copying forbidden", TestFiles.CopyForbiddenPdf() },
        { "owner password, nothing forbidden", TestFiles.OwnerPasswordOnlyPdf() },
        { "certificate security (/Adobe.PubSec)", TestFiles.CertificateSecuredPdf() },
    };

    [Theory]
    [MemberData(nameof(RestrictedPdfs))]
    public void Inspect_PdfWithSecuritySettings_RefusedPdfRestricted(string security, byte[] pdf)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", pdf);

        Assert.True(result.Error?.Code == "attachment.pdf-restricted", $"{security}: {result.Error?.Code ?? "accepted"}");
    }

    [Theory]
    [InlineData("\"\" owner 256 --print=none", "attachment.pdf-restricted")]
    [InlineData("\"\" owner 256 --extract=n", "attachment.pdf-restricted")]
    [InlineData("user owner 256", "attachment.pdf-encrypted")]
    public async Task Inspect_QpdfEncryptedWithObjectStreams_RefusedWithTheRightCode(string encryption, string code)
    {
        // PDFsharp writes neither object streams nor AES-256, which is what current writers produce; qpdf
        // (installed by test.sh) does. Encrypted object streams cannot be checked before parsing and once
        // made every such file count as damaged.
        var folder = Directory.CreateTempSubdirectory("rasens-qpdf-");
        try
        {
            var plain = Path.Combine(folder.FullName, "plain.pdf");
            var encrypted = Path.Combine(folder.FullName, "encrypted.pdf");
            await File.WriteAllBytesAsync(plain, ValidPdf.Value, TestContext.Current.CancellationToken);

            await RunAsync("qpdf", $"--object-streams=generate --encrypt {encryption} -- \"{plain}\" \"{encrypted}\"");
            var result = AttachmentInspector.Inspect(
                AttachmentKind.Document, "document.pdf", await File.ReadAllBytesAsync(encrypted, TestContext.Current.CancellationToken));

            Assert.Equal(code, result.Error?.Code);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static TheoryData<string, byte[]> NotPdfs => new()
    {
        { "text", TestFiles.TextRenamedPdf() },
        { "PNG", TestFiles.Png(300, 400) },
        { "JPEG", TestFiles.Jpeg(300, 400) },
        { "PDF header after a byte-order mark", [0xEF, 0xBB, 0xBF, .. TestFiles.HandWrittenPdf()] },
    };

    [Theory]
    [MemberData(nameof(NotPdfs))]
    public void Inspect_OtherContentNamedPdf_RefusedNotPdf(string content, byte[] bytes)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", bytes);

        Assert.True(result.Error?.Code == "attachment.not-pdf", $"{content}: {result.Error?.Code ?? "accepted"}");
    }

    [Fact]
    public void Inspect_TruncatedPdf_RefusedPdfCorrupt()
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", TestFiles.TruncatedPdf());

        Assert.Equal("attachment.pdf-corrupt", result.Error?.Code);
    }

    [Fact]
    public void Inspect_GarbageAfterPdfHeader_RefusedPdfCorrupt()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);

        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", [.. "%PDF-1.7\n"u8, .. garbage]);

        Assert.Equal("attachment.pdf-corrupt", result.Error?.Code);
    }

    public static TheoryData<string, byte[]> HostilePdfs => new()
    {
        { "arrays nested 5,000 deep", TestFiles.DeeplyNestedPdf(5000) },
        { "arrays nested 5,000 deep in an object stream", TestFiles.ObjectStreamPdf("<< /Type /Catalog /Pages 2 0 R /X " + new string('[', 5000) + new string(']', 5000) + " >>") },
        { "object stream inflating to 40 MB", TestFiles.ObjectStreamPdf(padding: 40 * (int)Megabyte) },
        { "object stream ending in an open hex string", TestFiles.ObjectStreamPdf("<< /Type /Catalog /Pages 2 0 R /ID <0A1B") },
        { "2,000 stream lengths chained", TestFiles.LengthChainPdf(2000) },
        { "trailer ending in an open hex string", TestFiles.UnterminatedHexStringPdf() },
    };

    [Theory]
    [MemberData(nameof(HostilePdfs))]
    public void Inspect_HostilePdf_RefusedPdfCorruptQuickly(string attack, byte[] pdf)
    {
        // PDFsharp 6.5 overflowed its stack on some of these, or never returned. PdfPig survives them all, but it
        // inflates object streams whatever their size (a 400 MB bomb took 1 GB) and reads past hex strings that
        // never end, so the structural check still refuses them before PdfPig sees them.
        var watch = Stopwatch.StartNew();

        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", pdf);

        Assert.True(result.Error?.Code == "attachment.pdf-corrupt", $"{attack}: {result.Error?.Code ?? "accepted"}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{attack}: took {watch.Elapsed}.");
    }

    [Theory]
    [InlineData("document.txt")]
    [InlineData("document")]
    [InlineData("document.pdf.exe")]
    public void Inspect_PdfNotNamedPdf_RefusedPdfExtension(string fileName)
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.Document, fileName, ValidPdf.Value);

        Assert.Equal("attachment.pdf-extension", result.Error?.Code);
    }

    [Fact]
    public void Inspect_JpegAsDocument_RefusedPdfExtension()
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "photo.jpg", Portrait.Value);

        Assert.Equal("attachment.pdf-extension", result.Error?.Code);
    }

    [Fact]
    public void Inspect_PdfAsFacialPhoto_RefusedPhotoExtension()
    {
        var result = AttachmentInspector.Inspect(AttachmentKind.FacialPhoto, "document.pdf", ValidPdf.Value);

        Assert.Equal("attachment.photo-extension", result.Error?.Code);
    }

    [Theory]
    [InlineData(AttachmentKind.FacialPhoto, "photo.jpg")]
    [InlineData(AttachmentKind.Document, "document.pdf")]
    public void Inspect_EmptyFile_RefusedEmpty(AttachmentKind kind, string fileName)
    {
        var result = AttachmentInspector.Inspect(kind, fileName, []);

        Assert.Equal("attachment.empty", result.Error?.Code);
    }

    [Fact]
    public void Inspect_SingleFileOver25Megabytes_RefusedTooLarge()
    {
        var content = new byte[AttachmentInspector.MaxTotalBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(content);

        var result = AttachmentInspector.Inspect(AttachmentKind.Document, "document.pdf", content);

        Assert.Equal("attachment.too-large", result.Error?.Code);
    }

    [Fact]
    public void CheckTotals_TwentiethFile_Fits()
    {
        Assert.Null(AttachmentInspector.CheckTotals(filesAlready: 19, bytesAlready: 0, newLength: 1000));
    }

    [Fact]
    public void CheckTotals_TwentyFirstFile_RefusedTooMany()
    {
        Assert.Equal("attachment.too-many", AttachmentInspector.CheckTotals(filesAlready: 20, bytesAlready: 0, newLength: 1000)?.Code);
    }

    [Fact]
    public void CheckTotals_OneFileAfterAnother_TwentyFitAndTheTwentyFirstIsRefused()
    {
        var accepted = 0;
        long bytes = 0;
        Error? refusal = null;
        for (var attempt = 1; attempt <= 21 && refusal is null; attempt++)
        {
            refusal = AttachmentInspector.CheckTotals(accepted, bytes, 100_000);
            if (refusal is null)
            {
                accepted++;
                bytes += 100_000;
            }
        }

        Assert.Equal(AttachmentInspector.MaxFiles, accepted);
        Assert.Equal("attachment.too-many", refusal?.Code);
    }

    [Theory]
    [InlineData(0, 25 * Megabyte)]
    [InlineData(24 * Megabyte, Megabyte)]
    [InlineData(25 * Megabyte, 0)]
    public void CheckTotals_Exactly25Megabytes_Fits(long bytesAlready, long newLength)
    {
        Assert.Null(AttachmentInspector.CheckTotals(filesAlready: 1, bytesAlready, newLength));
    }

    [Theory]
    [InlineData(0, (25 * Megabyte) + 1)]
    [InlineData(24 * Megabyte, Megabyte + 1)]
    [InlineData(25 * Megabyte, 1)]
    [InlineData(long.MaxValue, long.MaxValue)]
    public void CheckTotals_OneByteOver25Megabytes_RefusedTooLargeTotal(long bytesAlready, long newLength)
    {
        Assert.Equal("attachment.too-large-total", AttachmentInspector.CheckTotals(filesAlready: 1, bytesAlready, newLength)?.Code);
    }

    [Fact]
    public void CheckTotals_TwoValid13MegabytePdfs_SecondRefusedTooLargeTotal()
    {
        // 26 MB in two files: each is fine alone, together they are over.
        var first = TestFiles.PdfOfSize(13 * Megabyte);
        var second = TestFiles.PdfOfSize(13 * Megabyte);

        var firstResult = AttachmentInspector.Inspect(AttachmentKind.Document, "first.pdf", first);
        var secondResult = AttachmentInspector.Inspect(AttachmentKind.Document, "second.pdf", second);

        Assert.True(firstResult.Succeeded, firstResult.Error?.Code);
        Assert.True(secondResult.Succeeded, secondResult.Error?.Code);
        Assert.Equal(13 * Megabyte, first.LongLength);
        Assert.Null(AttachmentInspector.CheckTotals(0, 0, first.LongLength));
        Assert.Equal("attachment.too-large-total", AttachmentInspector.CheckTotals(1, first.LongLength, second.LongLength)?.Code);
    }

    [Fact]
    public void Inspect_RandomBytes_NeverThrows()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 400; i++)
        {
            var content = new byte[random.Next(0, 4096)];
            random.NextBytes(content);
            var prefix = (i % 4) switch
            {
                0 => "%PDF-"u8.ToArray(),
                1 => "%PDF-1.7\n1 0 obj\n<<"u8.ToArray(),
                2 => [0xFF, 0xD8, 0xFF],
                _ => [],
            };
            content = [.. prefix, .. content];
            var kind = (i % 4) switch
            {
                0 or 1 => AttachmentKind.Document,
                2 => AttachmentKind.FacialPhoto,
                _ => i % 8 == 3 ? AttachmentKind.Document : AttachmentKind.FacialPhoto,
            };

            var result = AttachmentInspector.Inspect(kind, kind == AttachmentKind.Document ? "random.pdf" : "random.jpg", content);

            Assert.False(result.Succeeded, $"Random input {i} was accepted.");
            Assert.StartsWith("attachment.", result.Error!.Code, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Inspect_MutatedValidFiles_NeverThrow()
    {
        // Random bytes rarely get past the first checks; damaged real files reach every branch of the parsers.
        (AttachmentKind Kind, string Name, byte[] Content)[] seeds =
        [
            (AttachmentKind.Document, "a.pdf", ValidPdf.Value),
            (AttachmentKind.Document, "b.pdf", TestFiles.ObjectStreamPdf()),
            (AttachmentKind.Document, "c.pdf", TestFiles.PrintForbiddenPdf()),
            (AttachmentKind.Document, "d.pdf", TestFiles.HandWrittenPdf()),
            (AttachmentKind.FacialPhoto, "e.jpg", Portrait.Value),
            (AttachmentKind.FacialPhoto, "f.jpg", TestFiles.Jpeg(300, 400, exifOrientation: 6)),
        ];
        var random = new Random(7);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 600; i++)
        {
            var (kind, name, content) = seeds[i % seeds.Length];

            var result = AttachmentInspector.Inspect(kind, name, Mutate(content, random));

            outcomes.Add(result.Error?.Code ?? "accepted");
        }

        // The mutations must reach past the signature checks to mean anything.
        Assert.Contains("accepted", outcomes);
        Assert.Contains("attachment.pdf-corrupt", outcomes);
        Assert.Contains("attachment.photo-unreadable", outcomes);
    }

    private static byte[] Mutate(byte[] content, Random random)
    {
        // The first five bytes stay, so the signature holds and the parsers behind it are exercised.
        var bytes = (byte[])content.Clone();
        switch (random.Next(4))
        {
            case 0:
                return bytes[..random.Next(5, bytes.Length)];
            case 1:
                for (var n = random.Next(1, 10); n > 0; n--)
                    bytes[random.Next(5, bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2:
                var from = random.Next(5, bytes.Length);
                var to = random.Next(from, Math.Min(bytes.Length, from + 200));
                return [.. bytes[..from], .. bytes[to..]];
            default:
                var at = random.Next(5, bytes.Length);
                var inserted = new byte[random.Next(1, 50)];
                random.NextBytes(inserted);
                return [.. bytes[..at], .. inserted, .. bytes[at..]];
        }
    }

    private static async Task RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        // qpdf exits with 3 for warnings only, e.g. about PDFsharp's deflate streams.
        Assert.True(process.ExitCode is 0 or 3, $"{tool} {arguments} exited with {process.ExitCode}: {await errors}");
    }
}
