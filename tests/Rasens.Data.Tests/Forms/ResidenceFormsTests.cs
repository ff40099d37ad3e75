using Rasens.Data.Applications;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Forms;

/// <summary>The residence forms (004 §3-3/3-4, 002 §4.2.4–4.2.6, §5.3) through the form engine.</summary>
public sealed class ResidenceFormsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    public static TheoryData<ProcedureKind> ResidenceProcedures() =>
        [ProcedureKind.ExtensionOfPeriodOfStay, ProcedureKind.ChangeOfStatusOfResidence, ProcedureKind.AuthorizedEmploymentCertificate];

    [Fact]
    public void Check_CompleteExtension_IsValid()
    {
        var check = ResidenceForms.Extension.Check(FormExamples.Extension().Nullable(), Today);

        Assert.True(check.IsValid, Describe(check));
        Assert.Equal("NGUYEN,VAN AN", check.Values["nameEnglish"]);
    }

    [Fact]
    public void Check_CompleteChangeOfStatusAndAuthorizedEmployment_AreValid()
    {
        var change = ResidenceForms.ChangeOfStatus.Check(FormExamples.ChangeOfStatus().Nullable(), Today);
        Assert.True(change.IsValid, Describe(change));
        Assert.Equal("FUKUOKA", change.Values["receiptOffice"]);
        var employment = ResidenceForms.AuthorizedEmployment.Check(FormExamples.AuthorizedEmployment().Nullable(), Today);
        Assert.True(employment.IsValid, Describe(employment));
    }

    [Theory]
    [MemberData(nameof(ResidenceProcedures))]
    public void Check_Empty_AsksForEveryRequiredFieldOfTheFirstSteps(ProcedureKind procedure)
    {
        var form = FormDefinitions.For(procedure)!;

        var keys = form.Check(new Dictionary<string, string?>(), Today).Errors.Select(e => e.Key).ToHashSet();

        foreach (var key in new[] { "statusOfResidence", "nationality", "nameEnglish", "sex", "dateOfBirth", "addressStreet", "periodOfStay", "expiryDate", "receiptMethod", "confirmTrue" })
        {
            Assert.Contains(key, keys);
        }

        Assert.Contains("phone", keys); // "either a landline or a mobile number"
        Assert.Contains("residenceCardNumber", keys); // the card, or the ED number
    }

    [Fact]
    public void Check_NameWithSpaceOrCommaIsFine_LowerCaseIsNot()
    {
        var input = FormExamples.Extension();
        input["nameEnglish"] = "Nguyen,Van An";

        Assert.Contains(ResidenceForms.Extension.Check(input.Nullable(), Today).Errors, e => e.Key == "nameEnglish" && e.Code == "form.name-english-comma");
        input["nameEnglish"] = "HOUMU,TARO";
        Assert.True(ResidenceForms.Extension.Check(input.Nullable(), Today).IsValid);
        input["nameEnglish"] = "HOUMU,,TARO";
        Assert.False(ResidenceForms.Extension.Check(input.Nullable(), Today).IsValid);
    }

    [Fact]
    public void Check_NeitherPhoneNorMobile_IsRefusedAtThePhone()
    {
        var input = FormExamples.Extension();
        input.Remove("mobile");

        var error = Assert.Single(ResidenceForms.Extension.Check(input.Nullable(), Today).Errors);

        Assert.Equal(("phone", "form.phone-or-mobile"), (error.Key, error.Code));
    }

    [Fact]
    public void Check_EdNumber_OnlyWithoutResidenceCardAndInFull()
    {
        var withCard = FormExamples.Extension();
        withCard["edLetters"] = "ABCD";
        withCard["edDigits"] = "1234567";
        Assert.Contains(ResidenceForms.Extension.Check(withCard.Nullable(), Today).Errors, e => e.Key == "edLetters" && e.Code == "form.ed-with-card");

        var withoutCard = FormExamples.Extension();
        withoutCard.Remove("residenceCardNumber");
        withoutCard["edLetters"] = "ABCD";
        Assert.Contains(ResidenceForms.Extension.Check(withoutCard.Nullable(), Today).Errors, e => e.Key == "edDigits" && e.Code == "form.ed-incomplete");

        withoutCard["edDigits"] = "1234567";
        Assert.True(ResidenceForms.Extension.Check(withoutCard.Nullable(), Today).IsValid);
        withoutCard.Remove("edLetters");
        withoutCard.Remove("edDigits");
        Assert.Contains(ResidenceForms.Extension.Check(withoutCard.Nullable(), Today).Errors, e => e.Key == "residenceCardNumber" && e.Code == "form.card-or-ed");
    }

    [Fact]
    public void Check_NotificationEmailTypedDifferently_IsRefused()
    {
        var input = FormExamples.Extension();
        input["notificationEmailConfirm"] = "an.nguyen@example.com";

        Assert.Contains(ResidenceForms.Extension.Check(input.Nullable(), Today).Errors, e => e.Key == "notificationEmailConfirm" && e.Code == "form.email-mismatch");
    }

    [Fact]
    public void Check_CounterWithoutOffice_AsksForTheOffice_MailDropsIt()
    {
        var counter = FormExamples.Extension();
        counter["receiptMethod"] = "COUNTER";
        Assert.Contains(ResidenceForms.Extension.Check(counter.Nullable(), Today).Errors, e => e.Key == "receiptOffice" && e.Code == "form.required");

        var mail = FormExamples.Extension();
        mail["receiptOffice"] = "TOKYO";
        Assert.False(ResidenceForms.Extension.Check(mail.Nullable(), Today).Values.ContainsKey("receiptOffice"));
    }

    [Fact]
    public void Check_CriminalRecordYes_AsksForDetails()
    {
        var input = FormExamples.Extension();
        input["criminalRecord"] = "YES";

        Assert.Contains(ResidenceForms.Extension.Check(input.Nullable(), Today).Errors, e => e.Key == "criminalRecordDetails" && e.Code == "form.required");
    }

    [Fact]
    public void Check_FamilyInJapan_RowsAreCheckedAndEmptyExtraRowsDropped()
    {
        var input = FormExamples.Extension();
        input["familyInJapan"] = "YES";
        input["family.0.relationship"] = "SPOUSE";
        input["family.0.name"] = "NGUYEN THI BINH";
        input["family.0.dateOfBirth"] = "2001-05-06";
        input["family.0.nationality"] = "Viet Nam";
        input["family.0.residingWith"] = "YES";
        input["family.2.relationship"] = "CHILD";
        input["family.2.residenceCardNumber"] = "bad";

        var check = ResidenceForms.Extension.Check(input.Nullable(), Today);

        Assert.Equal("NGUYEN THI BINH", check.Values["family.0.name"]);
        Assert.DoesNotContain(check.Errors, e => e.Key.StartsWith("family.0.", StringComparison.Ordinal) || e.Key.StartsWith("family.1.", StringComparison.Ordinal));
        Assert.Contains(check.Errors, e => e.Key == "family.2.name" && e.Code == "form.required");
        Assert.Contains(check.Errors, e => e.Key == "family.2.residenceCardNumber" && e.Code == "form.residence-card");
    }

    [Fact]
    public void Check_FamilyInJapanNo_DropsRowsTypedBefore()
    {
        var input = FormExamples.Extension();
        input["family.0.name"] = "TYPED BEFORE CHANGING THE ANSWER";

        Assert.False(ResidenceForms.Extension.Check(input.Nullable(), Today).Values.ContainsKey("family.0.name"));
    }

    [Fact]
    public void Check_SimultaneousWithCommonItemsMatch_CopiesTheCommonItemsIntoEachApplication()
    {
        var input = FormExamples.Extension().WithReEntryAndPartTimeWork();
        input["activity.nameEnglish"] = "SOMEONE ELSE"; // hidden by "common items match", so dropped and replaced

        var check = ResidenceForms.Extension.Check(input.Nullable(), Today);

        Assert.True(check.IsValid, Describe(check));
        foreach (var item in ResidenceForms.CommonItems.Where(check.Values.ContainsKey))
        {
            Assert.Equal(check.Values[item], check.Values[ResidenceForms.ReEntry + item]);
            Assert.Equal(check.Values[item], check.Values[ResidenceForms.Activity + item]);
        }

        Assert.False(check.Values.ContainsKey(ResidenceForms.Employment + "nameEnglish")); // not applied for
        Assert.Equal(SimultaneousApplications.ReEntryPermit | SimultaneousApplications.ActivityOtherThanPermitted, Submissions.SimultaneousOf(check.Values));
    }

    [Fact]
    public void Check_SimultaneousWithoutCommonItemsMatch_AsksForThemAgain()
    {
        var input = FormExamples.Extension().WithReEntryAndPartTimeWork();
        input.Remove("commonItemsMatch");

        var keys = ResidenceForms.Extension.Check(input.Nullable(), Today).Errors.Select(e => e.Key).ToList();

        Assert.Contains("reentry.nameEnglish", keys);
        Assert.Contains("activity.dateOfBirth", keys);
        Assert.Contains("activity.phone", keys);
        Assert.DoesNotContain("employment.nameEnglish", keys);
    }

    [Fact]
    public void Check_ReEntryByMail_IsRefused_AndReturnMustFollowDeparture()
    {
        var input = FormExamples.Extension().WithReEntryAndPartTimeWork();
        input["receiptMethod"] = "MAIL";
        input["reentry.returnDate"] = input["reentry.departureDate"];

        var errors = ResidenceForms.Extension.Check(input.Nullable(), Today).Errors;

        Assert.Contains(errors, e => e.Key == "receiptMethod" && e.Code == "form.reentry-counter");
        Assert.Contains(errors, e => e.Key == "reentry.returnDate" && e.Code == "form.return-before-departure");
    }

    [Fact]
    public void Check_PlaceOfEmploymentUndecided_DropsTheEmployerFields()
    {
        var input = FormExamples.Extension().WithReEntryAndPartTimeWork();
        input["activity.undecided"] = "true";
        input.Remove("activity.employerName");

        var check = ResidenceForms.Extension.Check(input.Nullable(), Today);

        Assert.True(check.IsValid, Describe(check));
        Assert.False(check.Values.ContainsKey("activity.hoursPerWeek"));
    }

    [Theory]
    [InlineData("2000", "04", "01", null, "2000-04-01")]
    [InlineData("2000", "4", "", null, "2000-04")]
    [InlineData("2000", "", "", null, "2000")]
    [InlineData("", "", "", "true", "unknown")]
    public void DateOfBirth_UnknownPartsAreAccepted(string year, string month, string day, string? unknown, string expected)
    {
        var input = FormExamples.Extension().Nullable();
        input.Remove("dateOfBirth");
        (input["dateOfBirth.y"], input["dateOfBirth.m"], input["dateOfBirth.d"], input["dateOfBirth.unknown"]) = (year, month, day, unknown);

        var check = ResidenceForms.Extension.Check(input, Today);

        Assert.True(check.IsValid, Describe(check));
        Assert.Equal(expected, check.Values["dateOfBirth"]);
    }

    [Theory]
    [InlineData("2000", "", "05", null, "form.date-partial")]
    [InlineData("", "04", "01", null, "form.date-partial")]
    [InlineData("2000", "02", "30", null, "form.date")]
    [InlineData("2000", "04", "01", "true", "form.date")]
    [InlineData("2999", "01", "01", null, "form.date-future")]
    [InlineData("", "", "", null, "form.required")]
    public void DateOfBirth_ImpossibleOrContradictory_IsRefused(string year, string month, string day, string? unknown, string code)
    {
        var input = FormExamples.Extension().Nullable();
        input.Remove("dateOfBirth");
        (input["dateOfBirth.y"], input["dateOfBirth.m"], input["dateOfBirth.d"], input["dateOfBirth.unknown"]) = (year, month, day, unknown);

        Assert.Contains(ResidenceForms.Extension.Check(input, Today).Errors, e => e.Key == "dateOfBirth" && e.Code == code);
    }

    [Fact]
    public void ExpiryDate_IndefiniteIs9999_99_99_ButOnlyThere()
    {
        var input = FormExamples.Extension();
        input["expiryDate"] = "9999-99-99";
        Assert.True(ResidenceForms.Extension.Check(input.Nullable(), Today).IsValid);

        input["expiryDate"] = "2027-03-31";
        input["dateOfBirth"] = "9999-99-99";
        Assert.Contains(ResidenceForms.Extension.Check(input.Nullable(), Today).Errors, e => e.Key == "dateOfBirth" && e.Code == "form.date");
    }

    [Fact]
    public void ChangeOfMethodOfReceipt_NumberFormatIsChecked()
    {
        var good = ResidenceForms.ChangeOfMethodOfReceipt.Check(FormExamples.ChangeOfMethodOfReceipt("東仮E26000001").Nullable(), Today);
        var bad = ResidenceForms.ChangeOfMethodOfReceipt.Check(FormExamples.ChangeOfMethodOfReceipt("東仮E 2600000123").Nullable(), Today);

        Assert.True(good.IsValid, Describe(good));
        Assert.Contains(bad.Errors, e => e.Key == "temporaryReceptionNumber" && e.Code == "form.receipt-number");
    }

    [Fact]
    public void Summarise_ShowsChoicesDatesRowsAndTicksAsText()
    {
        var input = FormExamples.Extension();
        input["dateOfBirth"] = "2000-04";
        input["familyInJapan"] = "YES";
        input["family.0.relationship"] = "SPOUSE";
        input["family.0.name"] = "NGUYEN THI BINH";
        input["family.0.dateOfBirth"] = "2001-05-06";
        input["family.0.nationality"] = "Viet Nam";
        input["family.0.residingWith"] = "YES";
        var values = ResidenceForms.Extension.Check(input.Nullable(), Today).Values;

        var sections = CaseFields.Summarise(ResidenceForms.Extension, values, System.Globalization.CultureInfo.GetCultureInfo("ja"));
        var rows = sections.SelectMany(s => s.Rows).GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.First().Value);

        Assert.Contains(sections, s => s.Title == "在日親族・同居者 1");
        Assert.Equal("2000/04 (日不明)", rows["生年月日"]);
        Assert.Equal("配偶者", rows["続柄"]);
        Assert.Equal("はい", sections.Single(s => s.Title == "申告").Rows[0].Value);
    }

    [Fact]
    public void Forms_EveryTextKeyExistsInAllEightLanguages()
    {
        var folder = Path.Combine(Repository.Root, "src", "Rasens.Data", "Forms");
        var languages = new[] { "", ".ja", ".zh-Hans", ".zh-Hant", ".ko", ".es", ".vi", ".tl" };
        var files = languages.ToDictionary(l => l, l => System.Xml.Linq.XDocument.Load(Path.Combine(folder, $"FormTexts{l}.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal));
        var keys = Enum.GetValues<ProcedureKind>().Select(FormDefinitions.For).OfType<FormDefinition>().SelectMany(FormTexts.KeysOf)
            .Concat(["checkbox.true", "checkbox.false", "date.unknown-all", "date.unknown-day", "date.unknown-month-day", "date.indefinite"])
            .Distinct().ToList();

        var missing = keys.SelectMany(k => languages.Where(l => !files[l].TryGetValue(k, out var text) || string.IsNullOrWhiteSpace(text)).Select(l => $"{k} [{l}]")).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(ProcedureKind.InstitutionOrSpouseNotification)]
    [InlineData(ProcedureKind.ExtensionOfPeriodOfStay)]
    [InlineData(ProcedureKind.ChangeOfStatusOfResidence)]
    [InlineData(ProcedureKind.AuthorizedEmploymentCertificate)]
    [InlineData(ProcedureKind.ChangeOfMethodOfReceipt)]
    public void DemoPayloads_AreValidEntriesOfTheirForm(ProcedureKind procedure)
    {
        var form = FormDefinitions.For(procedure)!;
        for (var seed = 0; seed < 50; seed++)
        {
            var faker = new Bogus.Faker { Random = new Bogus.Randomizer(seed) };
            var values = Rasens.Data.Seeding.DemoPayloads.For(procedure, faker, "O'BRIEN-SMITH anne marie", "AB12345678CD", "Viet Nam", new DateOnly(1995, 5, 5), Today);

            var check = form.Check(values.ToDictionary(v => v.Key, v => (string?)v.Value), Today);

            Assert.True(check.IsValid, $"{procedure} seed {seed}: {Describe(check)}");
        }
    }

    private static string Describe(FormCheck check) => string.Join(", ", check.Errors.Select(e => $"{e.Key}:{e.Code}"));
}
