using Rasens.Data.Accounts;
using Rasens.Testing;

namespace Rasens.Data.Tests.Accounts;

public sealed class AuthenticatorTests
{
    /// <summary>RFC 6238 Appendix B (SHA-1, key "12345678901234567890"), last six of the eight digits.</summary>
    public static TheoryData<long, string> Rfc6238 => new()
    {
        { 59, "287082" },
        { 1111111109, "081804" },
        { 1111111111, "050471" },
        { 1234567890, "005924" },
        { 2000000000, "279037" },
        { 20000000000, "353130" },
    };

    private static readonly string RfcKey = Totp.ToBase32("12345678901234567890"u8.ToArray());

    [Fact]
    public void ToBase32_RfcKey_IsTheRfc4648Encoding() => Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", RfcKey);

    [Theory]
    [MemberData(nameof(Rfc6238))]
    public void TotpCode_Rfc6238Vectors_GivesTheRfcCodes(long unixSeconds, string code) =>
        Assert.Equal(code, Totp.Code(RfcKey, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Theory]
    [MemberData(nameof(Rfc6238))]
    public void MatchingStep_Rfc6238Vectors_FindsTheStepOfTheCode(long unixSeconds, string code) =>
        Assert.Equal(unixSeconds / 30, Authenticator.MatchingStep(RfcKey, code, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Theory]
    [InlineData(-2)]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(2)]
    public void MatchingStep_CodeFromANeighbouringStep_FindsThatStep(int offset)
    {
        var key = Totp.NewKey();
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(Totp.Step(now) + offset, Authenticator.MatchingStep(key, Totp.Code(key, now.AddSeconds(30 * offset)), now));
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(3)]
    public void MatchingStep_CodeOutsideIdentitysWindow_IsNull(int offset)
    {
        var key = Totp.NewKey();
        var now = DateTimeOffset.UtcNow;
        var code = Totp.Code(key, now.AddSeconds(30 * offset));
        var inWindow = Enumerable.Range(-2, 5).Select(i => Totp.Code(key, now.AddSeconds(30 * i)));
        Assert.SkipWhen(inWindow.Contains(code, StringComparer.Ordinal), "The code happens to repeat inside the window.");

        Assert.Null(Authenticator.MatchingStep(key, code, now));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("123 456", "123456")]
    [InlineData(" 123-456 ", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12a456", null)]
    [InlineData("１２３　４５６", "123456")]
    [InlineData("١٢٣٤٥٦", null)]
    [InlineData(null, null)]
    public void Normalize_TypedCode_DigitsOrNull(string? typed, string? expected) => Assert.Equal(expected, Authenticator.Normalize(typed));

    [Fact]
    public void FormatKey_Base32Key_GroupsOfFour() =>
        Assert.Equal("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", Authenticator.FormatKey(RfcKey));

    [Fact]
    public void Uri_IssuerAndAccount_AreEscapedInLabelAndIssuer() =>
        Assert.Equal(
            "otpauth://totp/Rasens%20Workbench:sato%40tokyo?secret=GEZD&issuer=Rasens%20Workbench&digits=6",
            Authenticator.Uri("Rasens Workbench", "sato@tokyo", "GEZD"));
}
