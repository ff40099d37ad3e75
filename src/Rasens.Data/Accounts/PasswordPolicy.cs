using System.Buffers;
using Microsoft.AspNetCore.Identity;

namespace Rasens.Data.Accounts;

/// <summary>Settings under "PasswordPolicy" (DOMAIN §2; manual 001 v1.01: 10–32 characters).</summary>
public sealed class PasswordPolicyOptions
{
    public int MinLength { get; set; } = 10;

    public int MaxLength { get; set; } = 32;

    /// <summary>The only symbols allowed, and one of them is required.</summary>
    public string Symbols { get; set; } = "$%&=@_#*+-?!";

    public bool RefuseCommonPasswords { get; set; } = true;
}

/// <summary>
/// The password rule: length, the four kinds of character (upper, lower, digit, one of the listed
/// symbols), nothing else, not a common password, confirmation equal. Every failure is reported, not
/// only the first, so the applicant can fix them all at once.
/// </summary>
public static class PasswordPolicy
{
    private static readonly SearchValues<char> Upper = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly SearchValues<char> Lower = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public static Error Required { get; } = new("password.required", "Password is a required field.");

    public static Error Mismatch { get; } = new("password.mismatch", "The password and its confirmation do not match.");

    public static IReadOnlyList<Error> Check(string? password, string? confirmation, PasswordPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(password))
        {
            return [Required];
        }

        var errors = new List<Error>();
        var symbols = SearchValues.Create(options.Symbols);
        if (password.Length < options.MinLength || password.Length > options.MaxLength)
        {
            errors.Add(new("password.length", $"Use {options.MinLength} to {options.MaxLength} characters."));
        }

        var span = password.AsSpan();
        if (!span.ContainsAny(Upper))
        {
            errors.Add(new("password.upper", "Include at least one capital letter (A–Z)."));
        }

        if (!span.ContainsAny(Lower))
        {
            errors.Add(new("password.lower", "Include at least one small letter (a–z)."));
        }

        if (!span.ContainsAny(Digits))
        {
            errors.Add(new("password.digit", "Include at least one digit (0–9)."));
        }

        if (!span.ContainsAny(symbols))
        {
            errors.Add(new("password.symbol", $"Include at least one of the symbols {options.Symbols}."));
        }

        foreach (var c in password)
        {
            if (!Upper.Contains(c) && !Lower.Contains(c) && !Digits.Contains(c) && !symbols.Contains(c))
            {
                errors.Add(new("password.invalid-character", $"Use only letters, digits and the symbols {options.Symbols}."));
                break;
            }
        }

        if (options.RefuseCommonPasswords && CommonPasswords.IsCommon(password))
        {
            errors.Add(new("password.common", "This password is too common and easy to guess. Choose another."));
        }

        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            errors.Add(Mismatch);
        }

        return errors;
    }
}

/// <summary>Applies <see cref="PasswordPolicy"/> wherever Identity sets a password (registration, reset, change).</summary>
public sealed class PolicyPasswordValidator<TUser>(PasswordPolicyOptions options) : IPasswordValidator<TUser>
    where TUser : class
{
    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        // The confirmation is checked by the page; here the password is compared with itself.
        var errors = PasswordPolicy.Check(password, password, options);
        return Task.FromResult(errors.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. errors.Select(e => new IdentityError { Code = e.Code, Description = e.Message })]));
    }
}
