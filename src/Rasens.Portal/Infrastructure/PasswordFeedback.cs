using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Rasens.Portal.Infrastructure;

/// <summary>
/// Puts password-rule failures on the right fields, in the user's language: the policy's own failures on
/// the password, a differing confirmation on the confirmation field.
/// </summary>
public sealed class PasswordFeedback(PasswordPolicyOptions policy, IStringLocalizer<SharedResource> text)
{
    /// <summary>Checks the rule; returns true when the password may be used.</summary>
    public bool Check(ModelStateDictionary state, string? password, string? confirmation, string passwordField, string confirmationField)
    {
        var errors = PasswordPolicy.Check(password, confirmation, policy);
        foreach (var error in errors)
        {
            state.AddModelError(error == PasswordPolicy.Mismatch ? confirmationField : passwordField, Message(error.Code));
        }

        return errors.Count == 0;
    }

    /// <summary>What Identity refused when setting the password (its validators run the same policy).</summary>
    public void Add(ModelStateDictionary state, IEnumerable<IdentityError> errors, string passwordField)
    {
        foreach (var error in errors)
        {
            state.AddModelError(passwordField, Message(error.Code));
        }
    }

    /// <summary>A refusal of the account workflows that concerns the password (the policy's codes), on the password field.</summary>
    public void Add(ModelStateDictionary state, Rasens.Data.Error error, string passwordField)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(error);
        state.AddModelError(passwordField, Message(error.Code));
    }

    private string Message(string code) => text["Error_" + code, policy.MinLength, policy.MaxLength, policy.Symbols];
}
