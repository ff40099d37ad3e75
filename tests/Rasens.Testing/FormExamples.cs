namespace Rasens.Testing;

/// <summary>Complete, valid entries of each residence form and of the notification, as the form's values (dates relative to 2026).</summary>
public static class FormExamples
{
    /// <summary>A student extending their stay, with no simultaneous application.</summary>
    public static Dictionary<string, string> Extension() => new(StringComparer.Ordinal)
    {
        ["statusOfResidence"] = "STUDENT",
        ["nationality"] = "Viet Nam",
        ["nameEnglish"] = "NGUYEN,VAN AN",
        ["sex"] = "Male",
        ["dateOfBirth"] = "2000-04-01",
        ["maritalStatus"] = "SINGLE",
        ["occupation"] = "Student",
        ["homeTown"] = "Hanoi",
        ["addressMunicipality"] = "大分県別府市",
        ["addressStreet"] = "亀川町１丁目２番３号",
        ["mobile"] = "09012345678",
        ["passportNumber"] = "C1234567",
        ["passportExpiry"] = "2030-01-31",
        ["criminalRecord"] = "NO",
        ["familyInJapan"] = "NO",
        ["periodOfStay"] = "Y1M3",
        ["expiryDate"] = "2027-03-31",
        ["residenceCardNumber"] = "AB12345678CD",
        ["desiredPeriod"] = "Y2",
        ["extensionReason"] = "学業継続のため",
        ["receiptMethod"] = "MAIL",
        ["notificationEmail"] = "an.nguyen@example.jp",
        ["notificationEmailConfirm"] = "an.nguyen@example.jp",
        ["photoRecent"] = "true",
        ["confirmTrue"] = "true",
    };

    /// <summary>The same student changing to Engineer/Specialist, collecting the card at the Fukuoka counter.</summary>
    public static Dictionary<string, string> ChangeOfStatus()
    {
        var values = Extension();
        values.Remove("desiredPeriod");
        values.Remove("extensionReason");
        values["desiredStatus"] = "ENGINEER_HUMANITIES";
        values["desiredPeriod"] = "Y1";
        values["changeReason"] = "日本の企業に就職するため";
        values["receiptMethod"] = "COUNTER";
        values["receiptOffice"] = "FUKUOKA";
        return values;
    }

    /// <summary>A complete notification of leaving a university, as the form's values.</summary>
    public static Dictionary<string, string> LeavingNotification() => new(StringComparer.Ordinal)
    {
        ["statusOfResidence"] = "STUDENT",
        ["content"] = "ORG_LEAVING",
        ["nameEnglish"] = "NGUYEN VAN AN",
        ["dateOfBirth"] = "2000-04-01",
        ["nationality"] = "Viet Nam",
        ["residenceCardNumber"] = "AB12345678CD",
        ["eventDate"] = "2026-11-01",
        ["formerName"] = "東京大学",
        ["formerAddress"] = "東京都文京区本郷７－３－１",
    };

    public static Dictionary<string, string> AuthorizedEmployment() => new(StringComparer.Ordinal)
    {
        ["statusOfResidence"] = "ENGINEER_HUMANITIES",
        ["nationality"] = "Philippines",
        ["nameEnglish"] = "SANTOS,MARIA",
        ["sex"] = "Female",
        ["dateOfBirth"] = "1995-08-15",
        ["maritalStatus"] = "MARRIED",
        ["occupation"] = "Engineer",
        ["homeTown"] = "Manila",
        ["addressMunicipality"] = "東京都港区",
        ["addressStreet"] = "芝公園４丁目２番８号",
        ["phone"] = "0312345678",
        ["periodOfStay"] = "Y3",
        ["expiryDate"] = "2028-06-30",
        ["residenceCardNumber"] = "CD87654321EF",
        ["certificatePurpose"] = "To show my new employer",
        ["employerName"] = "株式会社ラセンズ",
        ["employerAddress"] = "東京都千代田区霞が関１－１－１",
        ["employerPhone"] = "0335801234",
        ["jobDescription"] = "システムエンジニアとしてソフトウェアの設計及び開発に従事する。",
        ["employmentStart"] = "2027-01-05",
        ["receiptMethod"] = "MAIL",
        ["notificationEmail"] = "maria.santos@example.jp",
        ["notificationEmailConfirm"] = "maria.santos@example.jp",
        ["confirmTrue"] = "true",
    };

    public static Dictionary<string, string> ChangeOfMethodOfReceipt(string temporaryReceptionNumber) => new(StringComparer.Ordinal)
    {
        ["changeClassification"] = "RESIDENCE_CARD",
        ["temporaryReceptionNumber"] = temporaryReceptionNumber,
        ["receiptMethod"] = "COUNTER",
        ["receiptOffice"] = "TOKYO",
    };

    /// <summary>Simultaneous applications for <paramref name="values"/>: re-entry and part-time work, common items matching.</summary>
    public static Dictionary<string, string> WithReEntryAndPartTimeWork(this Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        values["simReEntry"] = "true";
        values["simOtherActivity"] = "true";
        values["commonItemsMatch"] = "true";
        values["reentry.type"] = "SINGLE";
        values["reentry.departureDate"] = "2027-02-10";
        values["reentry.returnDate"] = "2027-02-25";
        values["reentry.destination"] = "Viet Nam";
        values["reentry.purpose"] = "Visiting family";
        values["activity.presentActivity"] = "立命館アジア太平洋大学 18単位";
        values["activity.workType"] = "OTHER";
        values["activity.workTypeOther"] = "Restaurant service";
        values["activity.contractTerm"] = "2026年4月～2027年3月";
        values["activity.hoursPerWeek"] = "20";
        values["activity.monthlySalary"] = "80";
        values["activity.employerName"] = "株式会社べっぷ食堂";
        values["activity.employerMunicipality"] = "大分県別府市";
        values["activity.employerStreet"] = "北浜１丁目１番１号";
        values["activity.employerPhone"] = "0977123456";
        values["activity.industry"] = "COMMERCE";
        values["receiptMethod"] = "COUNTER";
        values["receiptOffice"] = "FUKUOKA";
        return values;
    }

    public static Dictionary<string, string?> Nullable(this Dictionary<string, string> values) =>
        values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
}
