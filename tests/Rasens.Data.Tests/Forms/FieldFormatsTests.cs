using Rasens.Data.Forms;

namespace Rasens.Data.Tests.Forms;

public sealed class FieldFormatsTests
{
    [Theory]
    [InlineData("TANAKA TARO", true)]
    [InlineData("NGUYEN VAN AN", true)]
    [InlineData("Tanaka Taro", false)]
    [InlineData("TANAKA  TARO", false)]
    [InlineData(" TANAKA", false)]
    [InlineData("TANAKA-TARO", false)]
    [InlineData("田中太郎", false)]
    public void NameEnglish(string value, bool valid) => Assert.Equal(valid, FieldFormats.IsNameEnglish(value));

    [Fact]
    public void NameEnglish_Over104_IsRefused() => Assert.False(FieldFormats.IsNameEnglish(new string('A', 105)));

    [Theory]
    [InlineData("09012345678", true)]
    [InlineData("031234567890", true)]
    [InlineData("0312345678901", false)]
    [InlineData("090-1234-5678", false)]
    [InlineData("０９０", false)]
    public void Phone(string value, bool valid) => Assert.Equal(valid, FieldFormats.IsPhone(value));

    [Theory]
    [InlineData("1000014", true)]
    [InlineData("0000000", true)]
    [InlineData("100-0014", false)]
    [InlineData("100001", false)]
    public void PostalCode(string value, bool valid) => Assert.Equal(valid, FieldFormats.IsPostalCode(value));

    [Theory]
    [InlineData("AB12345678CD", true)]
    [InlineData("ab12345678cd", false)]
    [InlineData("AB1234567CD", false)]
    [InlineData("A112345678CD", false)]
    public void ResidenceCardNumber(string value, bool valid) => Assert.Equal(valid, FieldFormats.IsResidenceCardNumber(value));

    [Theory]
    [InlineData("taro@example.com", true)]
    [InlineData("taro.yamada+visa@mail.example.co.jp", true)]
    [InlineData("taro@example", false)]
    [InlineData("taro example@example.com", false)]
    [InlineData("Taro <taro@example.com>", false)]
    [InlineData("taro@@example.com", false)]
    public void Email(string value, bool valid) => Assert.Equal(valid, FieldFormats.IsEmail(value));

    [Fact]
    public void Email_Over60_IsRefused() => Assert.False(FieldFormats.IsEmail(new string('a', 50) + "@example.com"));

    [Theory]
    [InlineData("東京都千代田区霞が関１－１－１", true)]
    [InlineData("東京都千代田区霞が関1-1-1", false)]
    [InlineData("ﾄｳｷｮｳ", false)]
    public void Address(string value, bool valid) => Assert.Equal(valid, FieldFormats.IsFullWidthAddress(value));
}
