using Rasens.Data.Accounts;

namespace Rasens.Data.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicyOptions Policy = new();

    [Theory]
    [InlineData("Tokyo-Bay-42x")]
    [InlineData("aB3$aB3$aB")] // exactly 10
    [InlineData("Zq9!Zq9!Zq9!Zq9!Zq9!Zq9!Zq9!Zq9!")] // exactly 32
    [InlineData("Hakone_7_Onsen")]
    public void Check_GoodPassword_Passes(string password) => Assert.Empty(PasswordPolicy.Check(password, password, Policy));

    [Theory]
    [InlineData(null, "password.required")]
    [InlineData("", "password.required")]
    [InlineData("aB3$aB3$a", "password.length")] // 9
    [InlineData("Zq9!Zq9!Zq9!Zq9!Zq9!Zq9!Zq9!Zq9!x", "password.length")] // 33
    [InlineData("tokyo-bay-42x", "password.upper")]
    [InlineData("TOKYO-BAY-42X", "password.lower")]
    [InlineData("Tokyo-Bay-xyz", "password.digit")]
    [InlineData("TokyoBay42xyz", "password.symbol")]
    [InlineData("Tokyo Bay-42x", "password.invalid-character")] // space
    [InlineData("Tokyo^Bay-42x", "password.invalid-character")] // symbol not on the list
    [InlineData("Tokyo-Bay-４２x", "password.invalid-character")] // full-width digits
    [InlineData("Password123!", "password.common")]
    [InlineData("P@ssw0rd2026", "password.common")]
    [InlineData("Qwerty123!?x", "password.common")]
    [InlineData("Welcome@2026", "password.common")]
    public void Check_EachBrokenRule_IsReported(string? password, string code)
    {
        var errors = PasswordPolicy.Check(password, password, Policy);

        Assert.Contains(errors, e => e.Code == code);
    }

    [Fact]
    public void Check_ConfirmationDiffers_IsReportedWithTheOtherFailures()
    {
        var errors = PasswordPolicy.Check("tokyo", "tokyO", Policy);

        Assert.Equal(["password.length", "password.upper", "password.digit", "password.symbol", "password.common", "password.mismatch"], errors.Select(e => e.Code));
    }

    [Fact]
    public void Check_OlderManualsLimitOfTwenty_IsAConfigurationChange()
    {
        var older = new PasswordPolicyOptions { MaxLength = 20 };

        Assert.Contains(PasswordPolicy.Check("Tokyo-Bay-42x-Tokyo-Bay", "Tokyo-Bay-42x-Tokyo-Bay", older), e => e.Code == "password.length");
        Assert.Empty(PasswordPolicy.Check("Tokyo-Bay-42x-Tokyo-Bay", "Tokyo-Bay-42x-Tokyo-Bay", Policy));
    }

    [Fact]
    public void Check_CommonPasswordsCanBeAllowedByConfiguration()
    {
        Assert.Empty(PasswordPolicy.Check("Password123!", "Password123!", new PasswordPolicyOptions { RefuseCommonPasswords = false }));
    }
}
