using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using Rasens.Data.Applications;

namespace Rasens.Data.Files;

/// <summary>What the server learned from an accepted upload; <see cref="Extension"/> is ours, for the stored name.</summary>
/// <param name="Width">Displayed width in pixels (EXIF orientation applied); photos only.</param>
/// <param name="Height">Displayed height in pixels (EXIF orientation applied); photos only.</param>
public sealed record InspectedFile(AttachmentKind Kind, string ContentType, string Extension, long Length, string Sha256, int? Width, int? Height);

/// <summary>
/// The upload rules of the manuals, checked on the bytes: a facial photo is a portrait 4:3 JPEG, a
/// document is a PDF without security settings, at most <see cref="MaxFiles"/> files and
/// <see cref="MaxTotalBytes"/> bytes per application. The file name has to agree with the content but
/// never decides alone.
/// </summary>
/// <remarks>
/// Any byte input gives a <see cref="Result{T}"/>, never an exception. PDFs pass a bounded structural check
/// of our own (<see cref="PdfStructure"/>) and are then read with PdfPig, page by page.
/// </remarks>
public static class AttachmentInspector
{
    /// <summary>Per application, the facial photo included.</summary>
    public const int MaxFiles = 20;

    /// <summary>Per application, all files together; also the limit for a single file.</summary>
    public const long MaxTotalBytes = 25L * 1024 * 1024;

    public const string JpegContentType = "image/jpeg";
    public const string PdfContentType = "application/pdf";

    public static Error Empty { get; } = new("attachment.empty", "The file is empty.");

    public static Error TooLarge { get; } = new("attachment.too-large", "The file is larger than 25 MB.");

    public static Error TooMany { get; } = new("attachment.too-many", "No more than 20 files can be attached, the facial photo included.");

    public static Error TooLargeTotal { get; } = new("attachment.too-large-total", "All attached files together may not exceed 25 MB.");

    public static Error PhotoExtension { get; } = new("attachment.photo-extension", "The facial photo must be a JPEG file (.jpg or .jpeg).");

    public static Error PhotoNotJpeg { get; } = new("attachment.photo-not-jpeg", "The facial photo is not a JPEG image.");

    public static Error PhotoUnreadable { get; } = new("attachment.photo-unreadable", "The facial photo is incomplete or cannot be read.");

    public static Error PhotoRatio { get; } = new("attachment.photo-ratio", "The facial photo must be portrait, 4 high to 3 wide.");

    public static Error PdfExtension { get; } = new("attachment.pdf-extension", "Documents must be PDF files (.pdf).");

    public static Error NotPdf { get; } = new("attachment.not-pdf", "The file is not a PDF document.");

    public static Error PdfEncrypted { get; } = new("attachment.pdf-encrypted", "The PDF needs a password to open. Attach a copy without a password.");

    public static Error PdfRestricted { get; } = new("attachment.pdf-restricted", "The PDF has security settings (such as no printing or no copying). Attach a copy without security settings.");

    public static Error PdfCorrupt { get; } = new("attachment.pdf-corrupt", "The PDF is damaged or incomplete and cannot be read.");

    /// <summary>Checks one uploaded file against the rules for its kind.</summary>
    /// <param name="fileName">The applicant's file name; only its extension is used.</param>
    public static Result<InspectedFile> Inspect(AttachmentKind kind, string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
            return Empty;
        if (content.Length > MaxTotalBytes)
            return TooLarge;

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return kind switch
        {
            AttachmentKind.FacialPhoto => InspectPhoto(extension, content),
            AttachmentKind.Document => InspectDocument(extension, content),
        };
    }

    /// <summary>Whether one more file of <paramref name="newLength"/> bytes still fits the application's limits.</summary>
    /// <returns>Null when it fits.</returns>
    public static Error? CheckTotals(int filesAlready, long bytesAlready, long newLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(filesAlready);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesAlready);
        ArgumentOutOfRangeException.ThrowIfNegative(newLength);

        if (filesAlready >= MaxFiles)
            return TooMany;

        // A subtraction, so that no sum can overflow.
        return newLength > MaxTotalBytes - bytesAlready ? TooLargeTotal : null;
    }

    private static Result<InspectedFile> InspectPhoto(string extension, byte[] content)
    {
        if (extension is not (".jpg" or ".jpeg"))
            return PhotoExtension;
        if (!Jpeg.HasSignature(content))
            return PhotoNotJpeg;
        if (Jpeg.ReadDisplaySize(content) is not { } size)
            return PhotoUnreadable;

        // 4:3 means height * 3 == width * 4. Resizing and cropping round to whole pixels (600 x 801 is meant
        // as 4:3), so up to 1% of width * 4 is tolerated: height / width lies within 4/3 +- 1%.
        var (width, height) = size;
        if (Math.Abs((3L * height) - (4L * width)) * 100 > 4L * width)
            return PhotoRatio;

        return Result<InspectedFile>.Success(new InspectedFile(
            AttachmentKind.FacialPhoto, JpegContentType, ".jpg", content.Length, Sha256Of(content), width, height));
    }

    private static Result<InspectedFile> InspectDocument(string extension, byte[] content)
    {
        if (extension != ".pdf")
            return PdfExtension;
        if (!content.AsSpan().StartsWith("%PDF-"u8))
            return NotPdf;

        var shape = PdfStructure.Check(content);
        var error = shape.Safe
            ? ReadWithPdfPig(content, shape)
            : shape.Encrypted ? PdfRestricted : PdfCorrupt;
        if (error is not null)
            return error;

        return Result<InspectedFile>.Success(new InspectedFile(
            AttachmentKind.Document, PdfContentType, ".pdf", content.Length, Sha256Of(content), Width: null, Height: null));
    }

    private static Error? ReadWithPdfPig(byte[] content, PdfStructure.Shape shape)
    {
        // An encrypted file is refused whatever it holds; PdfPig is only asked whether it needs a password. Its
        // object streams, which the structural check could not inflate because they are encrypted, are blanked so
        // that PdfPig never inflates what they decrypt to.
        var bytes = content;
        if (shape.Encrypted && shape.ObjectStreams.Count > 0)
        {
            bytes = (byte[])content.Clone();
            foreach (var (start, count) in shape.ObjectStreams)
                bytes.AsSpan(start, count).Clear();
        }

        try
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = false, SkipMissingFonts = true });

            // An owner password alone (printing or copying forbidden, or even nothing forbidden) opens without
            // asking. Refused all the same: the applicant cannot see the restriction, the examiner would.
            if (shape.Encrypted || document.IsEncrypted)
                return PdfRestricted;

            // Nothing to show or print: as useless to the examiner as a damaged file.
            if (document.NumberOfPages == 0)
                return PdfCorrupt;

            // PdfPig reads lazily: every page (its dictionary, resources and content) is read once here, so a
            // page the examiner could not open is refused now rather than found broken later.
            for (var number = 1; number <= document.NumberOfPages; number++)
                _ = document.GetPage(number);
            return null;
        }
        catch (PdfDocumentEncryptedException exception) when (exception.InnerException is null)
        {
            // No password opened it (PdfPig tries the empty one). With an inner exception it is something else: the
            // password was accepted and decrypting an object failed, as it does for the blanked object streams.
            return PdfEncrypted;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // PdfPig reports bad input as PdfDocumentFormatException, and also, on some mutated files, with other
            // types (a NullReferenceException for certificate security, which the structural check names first).
            return shape.Encrypted || exception is PdfDocumentEncryptedException ? PdfRestricted : PdfCorrupt;
        }
    }

    private static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Just enough of JPEG to find the frame size: a marker walk that visits every byte at most twice.</summary>
    private static class Jpeg
    {
        private const byte Sof0 = 0xC0;
        private const byte Sof1 = 0xC1;
        private const byte Sof2 = 0xC2;
        private const byte Dht = 0xC4;
        private const byte Jpg = 0xC8;
        private const byte Dac = 0xCC;
        private const byte Sos = 0xDA;
        private const byte Eoi = 0xD9;
        private const byte App1 = 0xE1;
        private const byte Tem = 0x01;

        public static bool HasSignature(ReadOnlySpan<byte> data) => data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

        /// <summary>The size as shown (EXIF orientation applied); null when the file is incomplete or unusable.</summary>
        public static (int Width, int Height)? ReadDisplaySize(ReadOnlySpan<byte> data)
        {
            (int Width, int Height)? frame = null;
            var orientation = 1;
            var sawScan = false;
            var position = 2;

            // Every turn moves forward, so the walk ends after at most data.Length turns.
            while (position < data.Length)
            {
                if (data[position] != 0xFF)
                    return null;
                while (position < data.Length && data[position] == 0xFF)
                    position++;
                if (position >= data.Length)
                    return null;

                var marker = data[position++];
                if (marker == Eoi)
                {
                    if (!sawScan || frame is not { } size)
                        return null;

                    // Orientations 5 to 8 turn the picture by a quarter: the stored width is the shown height.
                    return orientation >= 5 ? (size.Height, size.Width) : size;
                }

                if (marker is Tem or (>= 0xD0 and <= 0xD7))
                    continue;
                if (marker == 0x00 || position + 2 > data.Length)
                    return null;

                var segmentLength = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
                if (segmentLength < 2 || position + segmentLength > data.Length)
                    return null;
                var segment = data.Slice(position + 2, segmentLength - 2);
                position += segmentLength;

                if (marker is >= 0xC0 and <= 0xCF and not (Dht or Jpg or Dac))
                {
                    // Only Huffman baseline, extended and progressive frames, which browsers decode. Lossless,
                    // arithmetic and hierarchical JPEGs would show the examiner a broken image.
                    if (frame is not null || marker is not (Sof0 or Sof1 or Sof2) || segment.Length < 6)
                        return null;
                    int frameHeight = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                    int frameWidth = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                    if (frameHeight == 0 || frameWidth == 0)
                        return null;
                    frame = (frameWidth, frameHeight);
                }
                else if (marker == App1 && segment.StartsWith("Exif\0\0"u8))
                {
                    orientation = ReadExifOrientation(segment[6..]);
                }
                else if (marker == Sos)
                {
                    if (frame is null)
                        return null;
                    sawScan = true;
                    position = SkipEntropyCodedData(data, position);
                }
            }

            // No EOI: the upload was cut short.
            return null;
        }

        /// <summary>The position of the marker that ends a scan, or data.Length when there is none.</summary>
        private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int position)
        {
            while (position + 1 < data.Length)
            {
                if (data[position] != 0xFF)
                {
                    position++;
                    continue;
                }

                // In a scan, FF is followed by a stuffed 00, a restart marker or fill bytes; anything else is the
                // marker after the scan.
                var next = data[position + 1];
                if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
                    position += 2;
                else if (next == 0xFF)
                    position++;
                else
                    return position;
            }

            return data.Length;
        }

        /// <summary>Tag 0x0112 of IFD0; 1 (as stored) when missing or unreadable.</summary>
        private static int ReadExifOrientation(ReadOnlySpan<byte> tiff)
        {
            if (tiff.Length < 8)
                return 1;
            bool little;
            if (tiff.StartsWith("II"u8))
                little = true;
            else if (tiff.StartsWith("MM"u8))
                little = false;
            else
                return 1;

            ushort U16(ReadOnlySpan<byte> at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);
            uint U32(ReadOnlySpan<byte> at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);

            if (U16(tiff[2..]) != 42)
                return 1;
            var directory = U32(tiff[4..]);
            if (directory > (uint)tiff.Length - 2)
                return 1;

            var entries = U16(tiff[(int)directory..]);
            var entry = (int)directory + 2;

            // Bounded by the segment: at most 65,533 bytes of 12-byte entries.
            for (var i = 0; i < entries && entry + 12 <= tiff.Length; i++, entry += 12)
            {
                if (U16(tiff[entry..]) != 0x0112)
                    continue;
                var value = U16(tiff[(entry + 8)..]);
                return U16(tiff[(entry + 2)..]) == 3 && value is >= 1 and <= 8 ? value : 1;
            }

            return 1;
        }
    }

    /// <summary>
    /// A structural check of a PDF before PdfPig reads it. It was written for PDFsharp 6.5, which did not survive
    /// deep nesting, chained stream lengths or unterminated hex strings in-process. PdfPig 0.1.16 survives all of
    /// those (100,000 mutated files and the hostile set: no crash, none slower than 0.3 s), so the check no longer
    /// needs a thread of its own or a time limit, but PdfPig still needs it for three things:
    /// <list type="bullet">
    /// <item>an object stream that inflates 1 MB into gigabytes: PdfPig inflates it in memory without a bound
    /// (a 400 MB bomb took 1 GB);</item>
    /// <item>certificate security (/Adobe.PubSec): PdfPig fails with a NullReferenceException, which would be
    /// reported as a damaged file rather than a protected one;</item>
    /// <item>hex strings that never end, and nesting thousands deep: PdfPig reads past them and would accept
    /// files that are not valid PDF.</item>
    /// </list>
    /// One pass over the file as a reader sees it, each byte read a bounded number of times, plus the
    /// inflated object and cross-reference streams, capped in total.
    /// </summary>
    internal static class PdfStructure
    {
        /// <summary>Real files nest a handful of levels.</summary>
        internal const int MaxNesting = 100;

        /// <summary>The object and cross-reference streams of real 25 MB files inflate to a few megabytes.</summary>
        internal const long MaxInflatedStructureBytes = 32L * 1024 * 1024;

        /// <param name="Safe">PdfPig may be given the file.</param>
        /// <param name="Encrypted">A trailer names an /Encrypt dictionary.</param>
        /// <param name="ObjectStreams">Where the object stream data lie (start, length).</param>
        public sealed record Shape(bool Safe, bool Encrypted, IReadOnlyList<(int Start, int Length)> ObjectStreams);

        public static Shape Check(byte[] pdf) => new Walk(pdf).Run();

        private enum TokenKind
        {
            End,
            ArrayOpen,
            ArrayClose,
            DictionaryOpen,
            DictionaryClose,
            Name,
            Integer,
            Keyword,
            Other,

            /// <summary>A hex string that never ends: not PDF, whatever a lenient reader makes of it.</summary>
            Broken,
        }

        private enum StreamRole
        {
            Data,
            Objects,
            CrossReference,
        }

        private enum StreamFilter
        {
            None,
            Flate,
            Other,
        }

        private enum Verdict
        {
            Passed,
            Undecodable,
            Refused,
        }

        [StructLayout(LayoutKind.Auto)]
        private readonly record struct Token(TokenKind Kind, int Start, int Length, long Value = -1);

        /// <summary>The keys of a dictionary that matter here; lengths and objects are -1 when absent.</summary>
        [StructLayout(LayoutKind.Auto)]
        private readonly record struct Keys(long DirectLength, long LengthObject, StreamRole Role, StreamFilter Filter, bool NamesEncrypt);

        private sealed class Walk(byte[] pdf)
        {
            private readonly HashSet<long> streamObjects = [];
            private readonly List<long> lengthObjects = [];
            private readonly List<(int Start, int Length)> objectStreams = [];
            private long inflated;
            private bool encrypted;
            private bool undecodable;

            public Shape Run()
            {
                var safe = Pass();

                // Encrypted object streams cannot be inflated; that is no reason to refuse looking further, as
                // they are blanked before PdfPig sees the file.
                return new Shape(safe && (!undecodable || encrypted), encrypted, objectStreams);
            }

            private bool Pass()
            {
                var data = pdf.AsSpan();
                var position = 0;
                var depth = 0;
                var dictionaryStart = -1;
                var dictionaryJustClosed = false;
                var trailerPending = false;
                (int Start, int End) lastDictionary = (-1, -1);
                long older = -1;
                long previous = -1;
                long currentObject = -1;

                while (Next(data, ref position) is { Kind: not TokenKind.End } token)
                {
                    if (token.Kind == TokenKind.Broken)
                        return false;

                    var closedNow = false;
                    switch (token.Kind)
                    {
                        case TokenKind.ArrayOpen or TokenKind.DictionaryOpen:
                            if (++depth > MaxNesting)
                                return false;
                            if (token.Kind == TokenKind.DictionaryOpen && depth == 1)
                                dictionaryStart = token.Start;
                            break;
                        case TokenKind.ArrayClose:
                            depth = Math.Max(0, depth - 1);
                            break;
                        case TokenKind.DictionaryClose:
                            depth = Math.Max(0, depth - 1);
                            if (depth == 0 && dictionaryStart >= 0)
                            {
                                lastDictionary = (dictionaryStart, token.Start + token.Length);
                                closedNow = true;
                                if (trailerPending)
                                {
                                    encrypted |= ReadKeys(data[lastDictionary.Start..lastDictionary.End]).NamesEncrypt;
                                    trailerPending = false;
                                }
                            }

                            break;
                        case TokenKind.Keyword when Is(data, token, "obj"u8):
                            // "N G obj". A reader starts every object afresh at its offset, so the nesting count
                            // does too, and the left-overs of a broken object do not add up.
                            currentObject = previous >= 0 ? older : -1;
                            depth = 0;
                            dictionaryStart = -1;
                            break;
                        case TokenKind.Keyword when Is(data, token, "trailer"u8):
                            trailerPending = true;
                            depth = 0;
                            dictionaryStart = -1;
                            break;
                        case TokenKind.Keyword when Is(data, token, "stream"u8):
                            // A stream belongs to the dictionary right before it; anything else no reader can use.
                            if (!dictionaryJustClosed || !ReadStream(data, lastDictionary, currentObject, ref position))
                                return false;
                            break;
                    }

                    dictionaryJustClosed = closedNow;
                    older = previous;
                    previous = token.Kind == TokenKind.Integer ? token.Value : -1;
                }

                // A stream whose length is kept in another stream makes a reader read that one first, and so on,
                // one level of recursion per link. Writers keep lengths in plain integer objects.
                return !lengthObjects.Exists(streamObjects.Contains);
            }

            private bool ReadStream(ReadOnlySpan<byte> data, (int Start, int End) dictionaryRange, long currentObject, ref int position)
            {
                var keys = ReadKeys(data[dictionaryRange.Start..dictionaryRange.End]);
                if (currentObject >= 0)
                    streamObjects.Add(currentObject);
                if (keys.LengthObject >= 0)
                    lengthObjects.Add(keys.LengthObject);
                if (keys.Role == StreamRole.CrossReference)
                    encrypted |= keys.NamesEncrypt;

                var start = position;
                if (start < data.Length && data[start] == '\r')
                    start++;
                if (start < data.Length && data[start] == '\n')
                    start++;

                // The stated length when "endstream" follows it, as readers do; else up to the next "endstream".
                var end = -1;
                if (keys.DirectLength >= 0 && keys.DirectLength <= data.Length - start)
                {
                    var after = start + (int)keys.DirectLength;
                    var probe = after;
                    while (probe < data.Length && probe < after + 2 && data[probe] is (byte)'\r' or (byte)'\n' or (byte)' ')
                        probe++;
                    if (data[probe..].StartsWith("endstream"u8))
                        end = after;
                }

                if (end < 0)
                {
                    var found = data[start..].IndexOf("endstream"u8);
                    end = found < 0 ? data.Length : start + found;
                }

                position = end;
                if (keys.Role == StreamRole.Data)
                    return true;
                if (keys.Role == StreamRole.Objects)
                    objectStreams.Add((start, end - start));

                // Object and cross-reference streams are what a reader inflates (and, for objects, parses) while
                // opening. Writers use FlateDecode or nothing for them; other filters we cannot check.
                var verdict = keys.Filter == StreamFilter.Other
                    ? Verdict.Undecodable
                    : CheckStructureStream(start, end - start, keys.Filter == StreamFilter.Flate, keys.Role == StreamRole.Objects);
                undecodable |= verdict == Verdict.Undecodable;
                return verdict != Verdict.Refused;
            }

            private Verdict CheckStructureStream(int start, int length, bool compressed, bool holdsObjects)
            {
                var budget = MaxInflatedStructureBytes - inflated;
                byte[] decoded;
                try
                {
                    using var source = new MemoryStream(pdf, start, length, writable: false);
                    using Stream reader = compressed ? new ZLibStream(source, CompressionMode.Decompress) : source;
                    using var target = new MemoryStream();
                    var chunk = new byte[81920];
                    int read;
                    while ((read = reader.Read(chunk)) > 0)
                    {
                        if (target.Length + read > budget)
                            return Verdict.Refused;
                        target.Write(chunk, 0, read);
                    }

                    decoded = target.ToArray();
                }
                catch (Exception exception) when (exception is InvalidDataException or IOException)
                {
                    // Not zlib data (damaged, or encrypted): ZLibStream throws either (its ZLibException is an IOException), as fuzzing found.
                    return Verdict.Undecodable;
                }

                inflated += decoded.Length;

                // Cross-reference rows are binary numbers; only objects are parsed as PDF syntax.
                return !holdsObjects || (IsShallow(decoded) && HasNoOpenHexString(decoded)) ? Verdict.Passed : Verdict.Refused;
            }

            /// <summary>Nesting inside an object stream, whose objects each start at depth zero.</summary>
            private static bool IsShallow(ReadOnlySpan<byte> decoded)
            {
                var position = 0;
                var depth = 0;
                while (Next(decoded, ref position) is { Kind: not TokenKind.End } token)
                {
                    if (token.Kind is TokenKind.ArrayOpen or TokenKind.DictionaryOpen && ++depth > MaxNesting)
                        return false;
                    if (token.Kind is TokenKind.ArrayClose or TokenKind.DictionaryClose)
                        depth = Math.Max(0, depth - 1);
                }

                return true;
            }

            /// <summary>
            /// A reader parses an object stream from offsets listed inside it and (PDFsharp 6.5) hung on a hex string that runs
            /// to its end; with a '>' after the last '<', every such scan ends, wherever it starts.
            /// </summary>
            private static bool HasNoOpenHexString(ReadOnlySpan<byte> decoded) =>
                decoded.LastIndexOf((byte)'>') >= decoded.LastIndexOf((byte)'<');

            private static Keys ReadKeys(ReadOnlySpan<byte> dictionary)
            {
                long directLength = -1;
                long lengthObject = -1;
                var objectStream = false;
                var crossReference = false;
                var hasFirst = false;
                var namesEncrypt = false;
                var filter = StreamFilter.None;
                var position = 0;
                var depth = 0;
                while (Next(dictionary, ref position) is { Kind: not TokenKind.End } token)
                {
                    if (token.Kind is TokenKind.ArrayOpen or TokenKind.DictionaryOpen)
                        depth++;
                    else if (token.Kind is TokenKind.ArrayClose or TokenKind.DictionaryClose)
                        depth--;
                    if (depth != 1 || token.Kind != TokenKind.Name)
                        continue;

                    // A value is read ahead only when it is what we look for, so the depth above stays right.
                    var name = dictionary.Slice(token.Start, token.Length);
                    var beforeValue = position;
                    var value = Next(dictionary, ref position);
                    if (name.SequenceEqual("/Length"u8) && value.Kind == TokenKind.Integer)
                    {
                        var afterValue = position;
                        var generation = Next(dictionary, ref position);
                        var reference = Next(dictionary, ref position);
                        if (generation.Kind == TokenKind.Integer && reference.Kind == TokenKind.Keyword && Is(dictionary, reference, "R"u8))
                        {
                            lengthObject = value.Value;
                        }
                        else
                        {
                            directLength = value.Value;
                            position = afterValue;
                        }
                    }
                    else if (name.SequenceEqual("/Type"u8) && value.Kind == TokenKind.Name)
                    {
                        objectStream |= Is(dictionary, value, "/ObjStm"u8);
                        crossReference |= Is(dictionary, value, "/XRef"u8);
                    }
                    else if (name.SequenceEqual("/Filter"u8))
                    {
                        position = beforeValue;
                        filter = ReadFilter(dictionary, ref position);
                    }
                    else
                    {
                        // Readers treat a stream as an object stream when the cross-reference data says so,
                        // whatever its /Type; /First is what it cannot do without.
                        hasFirst |= name.SequenceEqual("/First"u8);
                        namesEncrypt |= name.SequenceEqual("/Encrypt"u8);
                        position = beforeValue;
                    }
                }

                var role = crossReference ? StreamRole.CrossReference
                    : objectStream || hasFirst ? StreamRole.Objects
                    : StreamRole.Data;
                return new Keys(directLength, lengthObject, role, filter, namesEncrypt);
            }

            /// <summary>Flate for /FlateDecode or [/FlateDecode], None for [], Other for anything else (a reference too).</summary>
            private static StreamFilter ReadFilter(ReadOnlySpan<byte> dictionary, ref int position)
            {
                var value = Next(dictionary, ref position);
                if (value.Kind == TokenKind.Name)
                    return Is(dictionary, value, "/FlateDecode"u8) ? StreamFilter.Flate : StreamFilter.Other;
                if (value.Kind != TokenKind.ArrayOpen)
                    return StreamFilter.Other;

                var first = Next(dictionary, ref position);
                if (first.Kind == TokenKind.ArrayClose)
                    return StreamFilter.None;
                var last = Next(dictionary, ref position);
                return first.Kind == TokenKind.Name && Is(dictionary, first, "/FlateDecode"u8) && last.Kind == TokenKind.ArrayClose
                    ? StreamFilter.Flate
                    : StreamFilter.Other;
            }

            private static bool Is(ReadOnlySpan<byte> data, Token token, ReadOnlySpan<byte> word) =>
                data.Slice(token.Start, token.Length).SequenceEqual(word);

            /// <summary>The next token at or after <paramref name="position"/>, which always moves forward until the end.</summary>
            private static Token Next(ReadOnlySpan<byte> data, ref int position)
            {
                while (position < data.Length)
                {
                    var c = data[position];
                    if (IsWhiteSpace(c))
                    {
                        position++;
                        continue;
                    }

                    if (c == '%')
                    {
                        while (position < data.Length && data[position] is not ((byte)'\r' or (byte)'\n'))
                            position++;
                        continue;
                    }

                    var start = position;
                    var pair = position + 1 < data.Length && data[position + 1] == c;
                    switch (c)
                    {
                        case (byte)'[':
                            position++;
                            return new Token(TokenKind.ArrayOpen, start, 1);
                        case (byte)']':
                            position++;
                            return new Token(TokenKind.ArrayClose, start, 1);
                        case (byte)'<' when pair:
                            position += 2;
                            return new Token(TokenKind.DictionaryOpen, start, 2);
                        case (byte)'>' when pair:
                            position += 2;
                            return new Token(TokenKind.DictionaryClose, start, 2);
                        case (byte)'<':
                            var close = data[position..].IndexOf((byte)'>');
                            position = close < 0 ? data.Length : position + close + 1;
                            return new Token(close < 0 ? TokenKind.Broken : TokenKind.Other, start, position - start);
                        case (byte)'(':
                            SkipLiteralString(data, ref position);
                            return new Token(TokenKind.Other, start, position - start);
                        case (byte)'/':
                            position++;
                            while (position < data.Length && IsRegular(data[position]))
                                position++;
                            return new Token(TokenKind.Name, start, position - start);
                    }

                    if (!IsRegular(c))
                    {
                        position++;
                        return new Token(TokenKind.Other, start, 1);
                    }

                    while (position < data.Length && IsRegular(data[position]))
                        position++;
                    var word = data[start..position];
                    if (word[0] is < (byte)'0' or > (byte)'9')
                        return new Token(TokenKind.Keyword, start, word.Length);

                    // Object numbers and lengths; more than 15 digits is neither.
                    long value = 0;
                    foreach (var digit in word)
                    {
                        if (digit is < (byte)'0' or > (byte)'9' || word.Length > 15)
                            return new Token(TokenKind.Other, start, word.Length);
                        value = (value * 10) + (digit - '0');
                    }

                    return new Token(TokenKind.Integer, start, word.Length, value);
                }

                return new Token(TokenKind.End, position, 0);
            }

            private static void SkipLiteralString(ReadOnlySpan<byte> data, ref int position)
            {
                var level = 0;
                position++;
                while (position < data.Length)
                {
                    var c = data[position++];
                    if (c == '\\')
                        position++;
                    else if (c == '(')
                        level++;
                    else if (c == ')' && level-- == 0)
                        return;
                }

                position = data.Length;
            }

            private static bool IsWhiteSpace(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

            private static bool IsRegular(byte c) =>
                !IsWhiteSpace(c) && c is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');
        }
    }
}
