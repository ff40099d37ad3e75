using System.Globalization;
using Rasens.Data.Applications;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;

namespace Rasens.Data.Tests.Applications;

/// <summary>The one wording of a correction item, used by the e-mail, the Workbench and the Portal alike.</summary>
public sealed class CorrectionRequestTests
{
    private static readonly FormDefinition Extension = FormDefinitions.For(ProcedureKind.ExtensionOfPeriodOfStay)!;

    [Theory]
    [InlineData("ja", "住居地（町名・番地・建物名等）")]
    [InlineData("en", "Address in Japan (town, street and house number)")]
    public void LabelOf_Field_IsTheFieldsLabelOnTheCasesFormInTheLanguageAsked(string culture, string expected)
    {
        var language = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(FormTexts.Get(Extension.FindField("addressStreet")!.LabelKey, language), CorrectionItem.LabelOf(CorrectionItemKind.Field, " addressStreet ", Extension, language));
        Assert.Equal(expected, CorrectionItem.LabelOf(CorrectionItemKind.Field, "addressStreet", Extension, language));
    }

    [Fact]
    public void LabelOf_FieldTheFormDoesNotHave_IsItsKey()
    {
        Assert.Equal("noSuchField", CorrectionItem.LabelOf(CorrectionItemKind.Field, "noSuchField", Extension, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("addressStreet", CorrectionItem.LabelOf(CorrectionItemKind.Field, "addressStreet", null, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void LabelOf_Document_IsTheNameTheExaminerGave()
    {
        Assert.Equal("在学証明書", CorrectionItem.LabelOf(CorrectionItemKind.Document, "  在学証明書 ", Extension, CultureInfo.GetCultureInfo("vi")));
    }

    [Theory]
    [InlineData("ja", "顔写真")]
    [InlineData("en", "Facial photo")]
    public void LabelOf_Photo_IsTheFacialPhoto(string culture, string expected)
    {
        Assert.Equal(expected, CorrectionItem.LabelOf(CorrectionItemKind.Photo, "photo", Extension, CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Label_OfAStoredItemAReturnItemAndACorrectionView_AreTheSameWording()
    {
        var english = CultureInfo.GetCultureInfo("en");
        var stored = new CorrectionItem { Kind = CorrectionItemKind.Field, Target = "addressStreet", Message = "x" };
        var view = new CorrectionView(null, null, [stored], DateTime.UtcNow, Extension);

        var label = CorrectionItem.LabelOf(CorrectionItemKind.Field, "addressStreet", Extension, english);

        Assert.Equal(label, stored.Label(Extension, english));
        Assert.Equal(label, new ReturnItem(CorrectionItemKind.Field, "addressStreet", "x").Label(Extension, english));
        Assert.Equal(label, view.Label(stored, english));
    }
}
