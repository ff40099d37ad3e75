using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Rasens.Data.Forms;

/// <summary>
/// The field formats of DOMAIN §4, once, for every form of both apps. Each attribute's message is a
/// localization key ("Validation_…") the app's resources turn into "&lt;field&gt; …" in the user's language.
/// </summary>
public static partial class FieldFormats
{
    public static bool IsNameEnglish(string value) => value.Length <= 104 && NameEnglishPattern().IsMatch(value);

    /// <summary>Residency forms (004 §3-3): family name, a comma, given names (HOUMU,TARO); spaces within either part.</summary>
    public static bool IsNameEnglishResidency(string value) => value.Length <= 104 && NameEnglishResidencyPattern().IsMatch(value);

    /// <summary>
    /// A temporary reception number or receipt number (002 §5.3, e.g. 東オソ認T00011111): up to 13 kanji, katakana,
    /// capital letters and digits, no spaces.
    /// </summary>
    public static bool IsReceiptNumber(string value) => ReceiptNumberPattern().IsMatch(value);

    public static bool IsPhone(string value) => PhonePattern().IsMatch(value);

    public static bool IsPostalCode(string value) => PostalCodePattern().IsMatch(value);

    public static bool IsResidenceCardNumber(string value) => ResidenceCardPattern().IsMatch(value);

    /// <summary>e.g. AB1234567: one or two capital letters and seven to nine digits, up to 12 characters in all.</summary>
    public static bool IsPassportNumber(string value) => PassportPattern().IsMatch(value);

    /// <summary>The four capital letters of an ED number (used only when there is no residence card).</summary>
    public static bool IsEdLetters(string value) => EdLettersPattern().IsMatch(value);

    public static bool IsEdDigits(string value) => EdDigitsPattern().IsMatch(value);

    public static bool IsEmail(string value)
    {
        if (value.Length > 60 || value.Contains(' ', StringComparison.Ordinal) || !MailAddress.TryCreate(value, out var address))
        {
            return false;
        }

        return string.Equals(address.Address, value, StringComparison.Ordinal) && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>Address in Japan: full-width characters only (no ASCII, no half-width kana), up to <paramref name="max"/>.</summary>
    public static bool IsFullWidthAddress(string value, int max = 80) =>
        value.Length <= max && value.All(c => c > '\u007F' && c is not (>= '\uFF61' and <= '\uFF9F') && !char.IsControl(c));

    [GeneratedRegex("^[A-Z]+(?: [A-Z]+)*$")]
    private static partial Regex NameEnglishPattern();

    [GeneratedRegex("^[A-Z]+(?: [A-Z]+)*(?:,[A-Z]+(?: [A-Z]+)*)?$")]
    private static partial Regex NameEnglishResidencyPattern();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}\p{IsKatakana}A-Z0-9]{1,13}$")]
    private static partial Regex ReceiptNumberPattern();

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex("^[A-Z]{2}[0-9]{8}[A-Z]{2}$")]
    private static partial Regex ResidenceCardPattern();

    [GeneratedRegex("^[A-Z0-9]{6,12}$")]
    private static partial Regex PassportPattern();

    [GeneratedRegex("^[A-Z]{4}$")]
    private static partial Regex EdLettersPattern();

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex EdDigitsPattern();
}

/// <summary>Base for a format check that leaves "required" to [Required].</summary>
public abstract class FormatAttribute : ValidationAttribute
{
    // Set as ErrorMessage (not through the base constructor) so DataAnnotations localization translates it.
    protected FormatAttribute(string messageKey) => ErrorMessage = messageKey;

    public override bool IsValid(object? value) => value is not string text || text.Length == 0 || Check(text);

    protected abstract bool Check(string value);
}

/// <summary>Capital Latin letters, words separated by one space, up to 104 characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NameEnglishAttribute() : FormatAttribute("Validation_NameEnglish")
{
    protected override bool Check(string value) => FieldFormats.IsNameEnglish(value);
}

/// <summary>Digits only, no hyphens, up to 12.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PhoneDigitsAttribute() : FormatAttribute("Validation_Phone")
{
    protected override bool Check(string value) => FieldFormats.IsPhone(value);
}

/// <summary>Seven digits, no hyphen.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PostalCodeAttribute() : FormatAttribute("Validation_PostalCode")
{
    protected override bool Check(string value) => FieldFormats.IsPostalCode(value);
}

/// <summary>AB12345678CD.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ResidenceCardNumberAttribute() : FormatAttribute("Validation_ResidenceCardNumber")
{
    protected override bool Check(string value) => FieldFormats.IsResidenceCardNumber(value);
}

/// <summary>A single e-mail address, up to 60 characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EmailAddressFormatAttribute() : FormatAttribute("Validation_Email")
{
    protected override bool Check(string value) => FieldFormats.IsEmail(value);
}

/// <summary>Full-width characters, up to 80 (85 for institution addresses).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FullWidthAddressAttribute(int max = 80) : FormatAttribute("Validation_Address")
{
    public int Max { get; } = max;

    protected override bool Check(string value) => FieldFormats.IsFullWidthAddress(value, Max);
}
