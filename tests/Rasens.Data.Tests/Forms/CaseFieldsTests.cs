using System.Globalization;
using System.Text.Json;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Forms;

/// <summary>
/// A case's values as people read them (CaseFields.cs), which the confirmation page, the details pages, Print Details
/// and the Workbench all show: each value's text, the payload's values, and the labelled sections of a case.
/// </summary>
public sealed class CaseFieldsTests
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly FormDefinition Notification = FormDefinitions.For(ProcedureKind.InstitutionOrSpouseNotification)!;
    private static readonly FormDefinition Extension = FormDefinitions.For(ProcedureKind.ExtensionOfPeriodOfStay)!;

    /// <summary>A form of its own: a plain section, one shown only for a married applicant, a repeating one, one never filled.</summary>
    private static readonly FormDefinition Form = new(ProcedureKind.ExtensionOfPeriodOfStay, 1,
    [
        new Section("applicant", "section.applicant",
        [
            new Field("nameEnglish", FieldKind.Text, "field.nameEnglish"),
            new Field("sex", FieldKind.Radio, "field.sex") { Choices = [new("Male", "sex.Male"), new("Female", "sex.Female")] },
        ]),
        new Section("spouse", "section.spouse", [new Field("spouseName", FieldKind.Text, "field.spouseName")]) { ShowWhen = ShowWhen.Is("married", "YES") },
        new Section("family", "section.family-member", [new Field("name", FieldKind.Text, "field.familyMemberName")]) { MaxRepeat = 3 },
        new Section("work", "section.work", [new Field("employer", FieldKind.Text, "field.employer")]),
    ]);

    [Theory]
    [InlineData("statusOfResidence", "STUDENT", "ja", "留学")] // a choice by its text
    [InlineData("statusOfResidence", "STUDENT", "en", "Student")]
    [InlineData("content", "ORG_LEAVING", "ja", "離脱")] // a choice that depends on another field
    [InlineData("statusOfResidence", "NO_SUCH_STATUS", "ja", "NO_SUCH_STATUS")] // not a choice: as stored
    [InlineData("eventDate", "2026-11-01", "ja", "2026/11/01")] // a date as the manuals write it
    [InlineData("formerName", "東京大学", "en", "東京大学")] // text as typed
    public void Display_AValueOfTheNotificationForm_IsItsTextInTheLanguage(string field, string value, string culture, string expected)
    {
        Assert.Equal(expected, CaseFields.Display(Notification.FindField(field)!, value, CultureInfo.GetCultureInfo(culture)));
    }

    [Theory]
    [InlineData("photoRecent", "true", "ja", "はい")] // a ticked box
    [InlineData("photoRecent", "false", "ja", "いいえ")]
    [InlineData("photoRecent", "true", "en", "Yes")]
    [InlineData("photoRecent", "anything else", "en", "No")]
    [InlineData("sex", "Male", "ja", "男")]
    [InlineData("expiryDate", "9999-99-99", "ja", "9999/99/99 (無期限)")] // a three-box date, as YearMonthDayValue reads it
    [InlineData("expiryDate", "2027-03-31", "en", "2027/03/31")]
    [InlineData("passportExpiry", "2030-01-31", "en", "2030/01/31")]
    public void Display_AValueOfTheExtensionForm_IsItsTextInTheLanguage(string field, string value, string culture, string expected)
    {
        Assert.Equal(expected, CaseFields.Display(Extension.FindField(field)!, value, CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Values_OfAPayload_AreItsStringsAndNumbers()
    {
        var values = CaseFields.Values("""{"name":"NGUYEN VAN AN","rows":3,"ticked":true,"none":null,"nested":{"a":"b"},"list":["c"],"empty":""}""");

        Assert.Equal(new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = "NGUYEN VAN AN", ["rows"] = "3", ["empty"] = "" }, values);
    }

    [Fact]
    public void Summarise_AFormsValues_AreItsShownSectionsWithRowsNumbered_EmptyOnesLeftOut()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["nameEnglish"] = "NGUYEN VAN AN", ["sex"] = "Female",
            ["married"] = "NO", ["spouseName"] = "NGUYEN THI BINH", // the spouse section is not shown: left out with its value
            ["family.0.name"] = "NGUYEN VAN BA", ["family.2.name"] = "NGUYEN VAN BON", // the second row is empty
        };

        var sections = CaseFields.Summarise(Form, values, Japanese);

        Assert.Equal(["申請人", "在日親族・同居者 1", "在日親族・同居者 2"], sections.Select(s => s.Title));
        Assert.Equal([("氏名（英字）", "NGUYEN VAN AN"), ("性別", "女")], sections[0].Rows);
        Assert.Equal([("氏名", "NGUYEN VAN BA")], sections[1].Rows);
        Assert.Equal([("氏名", "NGUYEN VAN BON")], sections[2].Rows);
    }

    [Fact]
    public void Summarise_ASectionShownByAnAnswer_AppearsWithIt()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["married"] = "YES", ["spouseName"] = "NGUYEN THI BINH" };

        var section = Assert.Single(CaseFields.Summarise(Form, values, English));

        Assert.Equal(FormTexts.Get("section.spouse", English), section.Title);
        Assert.Equal([(FormTexts.Get("field.spouseName", English), "NGUYEN THI BINH")], section.Rows);
    }

    [Fact]
    public void Read_ACaseWithAForm_IsItsFormSummarised()
    {
        var values = FormExamples.Extension();
        var application = A.Case(A.Applicant().Build()).WithPayload(JsonSerializer.Serialize(values)).Build();

        var sections = CaseFields.Read(application, ProcedureKind.ExtensionOfPeriodOfStay, English);

        Assert.Equal(
            CaseFields.Summarise(Extension, values, English).Select(s => (s.Title, string.Join("|", s.Rows))),
            sections.Select(s => (s.Title, string.Join("|", s.Rows))));
        Assert.Contains(sections.SelectMany(s => s.Rows), r => r == ("Name (English letters)", "NGUYEN,VAN AN"));
    }

    [Fact]
    public void Read_ARequestForUse_IsTheCardsFieldsUnderTheApplicant_InTheirOrder()
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["phone"] = "09012345678", ["residenceCardNumber"] = "AB12345678CD", ["address"] = "東京都千代田区霞が関１－１－１",
            ["dateOfBirth"] = "1990-05-06", ["sex"] = "Female", ["nameEnglish"] = "NGUYEN THI BINH", ["cardImage"] = "not shown",
        });
        var request = A.Case(A.Applicant().Build()).Notification().ForProcedure(ProcedureKind.UsageRequestResidence).WithPayload(payload).Build();

        var section = Assert.Single(CaseFields.Read(request, ProcedureKind.UsageRequestResidence, Japanese));

        Assert.Equal("申請人", section.Title);
        Assert.Equal(
            [("氏名（英字）", "NGUYEN THI BINH"), ("性別", "女"), ("生年月日", "1990-05-06"), ("住居地", "東京都千代田区霞が関１－１－１"), ("在留カード番号", "AB12345678CD"), ("電話番号", "09012345678")],
            section.Rows);
    }

    [Fact]
    public void Read_ARequestForUseWithoutValues_HasNoSections()
    {
        var request = A.Case(A.Applicant().Build()).Notification().ForProcedure(ProcedureKind.UsageRequestNotifications).Build();

        Assert.Empty(CaseFields.Read(request, ProcedureKind.UsageRequestNotifications, English));
    }
}
