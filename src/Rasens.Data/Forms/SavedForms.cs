using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Rasens.Data.Procedures;

namespace Rasens.Data.Forms;

/// <summary>
/// "Save data / load data" during entry (001 §7.2): the typed values go into a file the applicant keeps,
/// encrypted and signed with ASP.NET Data Protection so it can be neither read nor altered by hand. It loads
/// only on the same procedure and the same version of its form. Attachments are never in it.
/// </summary>
public sealed class SavedForms(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>Larger files are not a saved form.</summary>
    public const int MaxFileBytes = 256 * 1024;

    public static Error Damaged { get; } = new("saved.damaged", "The file could not be read: it is damaged, was altered, or was not saved by this system.");

    public static Error OtherProcedure { get; } = new("saved.other-procedure", "The file was saved from another procedure and cannot be loaded here.");

    public static Error Outdated { get; } = new("saved.outdated", "The file was saved from an older version of this form and cannot be loaded. Enter the items again.");

    public static Error TooLarge { get; } = new("saved.too-large", "The file is too large to be a saved form.");

    private sealed record Contents(ProcedureKind Procedure, int FormVersion, DateTime SavedAt, Dictionary<string, string> Values);

    private IDataProtector Protector => protection.CreateProtector("Rasens.SavedForm.v1");

    public byte[] Save(FormDefinition form, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Contents(form.Procedure, form.Version, clock.GetUtcNow().UtcDateTime, new(values, StringComparer.Ordinal)));
        return Encoding.ASCII.GetBytes(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Protector.Protect(json)));
    }

    public async Task<Result<IReadOnlyDictionary<string, string>>> LoadAsync(FormDefinition form, Stream file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxFileBytes)
        {
            return TooLarge;
        }

        Contents? contents;
        try
        {
            var text = Encoding.ASCII.GetString(buffer.ToArray()).Trim();
            contents = JsonSerializer.Deserialize<Contents>(Protector.Unprotect(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(text)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return Damaged;
        }

        if (contents is null)
        {
            return Damaged;
        }

        if (contents.Procedure != form.Procedure)
        {
            return OtherProcedure;
        }

        return contents.FormVersion != form.Version ? Outdated : Result<IReadOnlyDictionary<string, string>>.Success(contents.Values);
    }
}
