using Rasens.Data.Forms;
using Rasens.Data.Seeding;
using Rasens.Testing;

namespace Rasens.Data.Tests.Forms;

public sealed class NotificationFormTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly FormDefinition Form = NotificationForm.Definition;

    public static TheoryData<string> NotifyingStatuses() =>
        [.. ReferenceData.StatusesOfResidence.Where(s => s.NotificationClassification is not null).Select(s => s.Code)];

    [Theory]
    [MemberData(nameof(NotifyingStatuses))]
    public void Content_OffersExactlyTheContentsOfTheStatussClassification(string status)
    {
        var classification = ReferenceData.StatusesOfResidence.Single(s => s.Code == status).NotificationClassification;
        var expected = ReferenceData.NotificationContents.Where(c => c.Classification == classification).OrderBy(c => c.SortOrder).Select(c => c.Code);
        var content = Form.AllFields.Single(f => f.Key == "content");

        Assert.Equal(expected, content.ChoicesFor(new Dictionary<string, string> { ["statusOfResidence"] = status }).Select(c => c.Value));
    }

    [Fact]
    public void StatusOfResidence_OnlyStatusesThatNotify()
    {
        var choices = Form.AllFields.Single(f => f.Key == "statusOfResidence").Choices.Select(c => c.Value).ToList();

        Assert.Equal(21, choices.Count);
        Assert.DoesNotContain("PERMANENT_RESIDENT", choices);
    }

    [Fact]
    public void Check_CompleteLeavingNotification_IsValidAndKeepsOnlyShownFields()
    {
        var input = Leaving();
        input["spouseName"] = "LEFT OVER FROM AN EARLIER CHOICE";
        input["newName"] = "ALSO HIDDEN";

        var check = Form.Check(input, Today);

        Assert.True(check.IsValid, string.Join(", ", check.Errors.Select(e => $"{e.Key}:{e.Code}")));
        Assert.Equal("東京大学", check.Values["formerName"]);
        Assert.False(check.Values.ContainsKey("spouseName"));
        Assert.False(check.Values.ContainsKey("newName"));
    }

    [Fact]
    public void Check_ContentOfAnotherClassification_IsRefused()
    {
        var input = Leaving();
        input["content"] = "SPOUSE_DIVORCE"; // a student cannot notify a divorce

        Assert.Contains(Form.Check(input, Today).Errors, e => e.Key == "content" && e.Code == "form.choice");
    }

    [Fact]
    public void Check_EventInTheFuture_IsRefusedButTodayIsFine()
    {
        var tomorrow = Leaving();
        tomorrow["eventDate"] = "2026-11-23";
        var today = Leaving();
        today["eventDate"] = "2026-11-22";

        Assert.Contains(Form.Check(tomorrow, Today).Errors, e => e.Key == "eventDate" && e.Code == "form.date-future");
        Assert.True(Form.Check(today, Today).IsValid);
    }

    [Theory]
    [InlineData("nameEnglish", "Tanaka Taro", "form.name-english")]
    [InlineData("residenceCardNumber", "AB1234CD", "form.residence-card")]
    [InlineData("phone", "03-1234-5678", "form.phone")]
    [InlineData("formerPostalCode", "113-8654", "form.postal-code")]
    [InlineData("formerAddress", "Tokyo Bunkyo 7-3-1", "form.address")]
    [InlineData("dateOfBirth", "1990-02-30", "form.date")]
    [InlineData("statusOfResidence", "NO_SUCH_STATUS", "form.choice")]
    public void Check_BadValue_IsRefusedAtItsField(string key, string value, string code)
    {
        var input = Leaving();
        input[key] = value;

        Assert.Contains(Form.Check(input, Today).Errors, e => e.Key == key && e.Code == code);
    }

    [Fact]
    public void Check_NothingEntered_EveryRequiredFieldIsNamed()
    {
        var errors = Form.Check(new Dictionary<string, string?>(), Today).Errors;

        Assert.Equal(["statusOfResidence", "content", "nameEnglish", "dateOfBirth", "nationality", "residenceCardNumber"], errors.Select(e => e.Key));
        Assert.All(errors, e => Assert.Equal("form.required", e.Code));
    }

    [Fact]
    public void Check_VeryLongText_IsRefusedWithTheLimit()
    {
        var input = Leaving();
        input["formerName"] = new string('あ', 101);

        var error = Assert.Single(Form.Check(input, Today).Errors);
        Assert.Equal(("formerName", "form.too-long", 100), (error.Key, error.Code, (int)error.Arguments[0]));
    }

    [Fact]
    public void Check_ScriptInAFreeTextField_IsKeptAsText()
    {
        var input = Leaving();
        input["nationality"] = "<script>alert(1)</script>";

        var check = Form.Check(input, Today);

        Assert.True(check.IsValid);
        Assert.Equal("<script>alert(1)</script>", check.Values["nationality"]);
    }

    [Fact]
    public void Check_Divorce_AsksForTheSpouseNotAnOrganisation()
    {
        var input = new Dictionary<string, string?>(Leaving()) { ["statusOfResidence"] = "SPOUSE_OF_JAPANESE", ["content"] = "SPOUSE_DIVORCE" };

        var errors = Form.Check(input, Today).Errors;

        Assert.Equal(["spouseName", "spouseDateOfBirth", "spouseNationality"], errors.Select(e => e.Key));
    }

    /// <summary>The leaving notification, with the phone and the former postal code it may also give.</summary>
    private static Dictionary<string, string?> Leaving()
    {
        var values = FormExamples.LeavingNotification();
        values["phone"] = "0312345678";
        values["formerPostalCode"] = "1138654";
        return values.Nullable();
    }
}
