using System.Globalization;
using Bogus;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;

namespace Rasens.Data.Seeding;

/// <summary>
/// Believable, valid form entries for demo (and benchmark) cases, so the Workbench's case page has a whole
/// application to show. Each entry passes its form's own check; what the form would drop is dropped.
/// </summary>
public static class DemoPayloads
{
    private static readonly string[] Municipalities = ["東京都新宿区", "大阪府大阪市北区", "大分県別府市", "福岡県福岡市博多区", "愛知県名古屋市中区", "北海道札幌市中央区"];
    private static readonly string[] Streets = ["西新宿２丁目８番１号", "梅田１丁目１番３号", "亀川町１丁目２番３号", "博多駅前３丁目２番１号", "栄４丁目１番１号", "北一条西２丁目"];
    private static readonly string[] Employers = ["株式会社ラセンズ", "東洋食品株式会社", "さくら観光株式会社", "株式会社みらい介護"];
    private static readonly string[] Universities = ["東京大学", "大阪大学", "立命館アジア太平洋大学", "九州大学"];

    public static Dictionary<string, string> For(ProcedureKind procedure, Faker faker, string name, string card, string nationality, DateOnly born, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(faker);
        var residencyName = Latin(name);
        var split = residencyName.IndexOf(' ', StringComparison.Ordinal);
        if (split > 0)
        {
            residencyName = residencyName[..split] + "," + residencyName[(split + 1)..];
        }

        var place = faker.Random.Int(0, Municipalities.Length - 1);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (procedure)
        {
            case ProcedureKind.InstitutionOrSpouseNotification:
                var status = faker.PickRandom(ReferenceData.StatusesOfResidence.Where(s => s.NotificationClassification is not null).ToList());
                var content = faker.PickRandom(ReferenceData.NotificationContents.Where(c => c.Classification == status.NotificationClassification).ToList());
                values["statusOfResidence"] = status.Code;
                values["content"] = content.Code;
                values["nameEnglish"] = Latin(name);
                values["dateOfBirth"] = Iso(born);
                values["nationality"] = nationality;
                values["residenceCardNumber"] = card;
                values["eventDate"] = Iso(today.AddDays(-faker.Random.Int(1, 14)));
                foreach (var prefix in new[] { "former", "new" })
                {
                    values[prefix + "Name"] = faker.PickRandom(Universities);
                    values[prefix + "Address"] = Municipalities[place] + Streets[place];
                    values[prefix + "Activity"] = "研究及び教育に従事する。";
                }

                values["oldName"] = faker.PickRandom(Employers);
                values["newName"] = faker.PickRandom(Employers) + "ホールディングス";
                values["movedName"] = values["extinguishedName"] = faker.PickRandom(Employers);
                values["movedPostalCode"] = faker.Random.ReplaceNumbers("#######");
                values["movedAddress"] = values["extinguishedAddress"] = Municipalities[place] + Streets[place];
                values["spouseName"] = Latin(faker.Name.FullName());
                values["spouseDateOfBirth"] = Iso(born.AddYears(-2));
                values["spouseNationality"] = "Japan";
                break;
            case ProcedureKind.ChangeOfMethodOfReceipt:
                values["changeClassification"] = "RESIDENCE_CARD";
                values["temporaryReceptionNumber"] = "東仮E" + faker.Random.ReplaceNumbers("########");
                values["receiptMethod"] = "MAIL";
                break;
            case ProcedureKind.ExtensionOfPeriodOfStay or ProcedureKind.ChangeOfStatusOfResidence or ProcedureKind.AuthorizedEmploymentCertificate:
                values["statusOfResidence"] = procedure == ProcedureKind.AuthorizedEmploymentCertificate ? "ENGINEER_HUMANITIES" : "STUDENT";
                values["desiredStatus"] = "ENGINEER_HUMANITIES";
                values["nationality"] = nationality;
                values["nameEnglish"] = residencyName;
                values["sex"] = faker.PickRandom("Male", "Female");
                values["dateOfBirth"] = Iso(born);
                values["maritalStatus"] = faker.PickRandom("MARRIED", "SINGLE");
                values["occupation"] = procedure == ProcedureKind.AuthorizedEmploymentCertificate ? "Engineer" : "Student";
                values["homeTown"] = faker.Address.City().Length <= 50 ? faker.Address.City() : "Hanoi";
                values["addressMunicipality"] = Municipalities[place];
                values["addressStreet"] = Streets[place];
                values["mobile"] = "090" + faker.Random.ReplaceNumbers("########");
                values["passportNumber"] = "TK" + faker.Random.ReplaceNumbers("#######");
                values["passportExpiry"] = Iso(today.AddYears(3));
                values["criminalRecord"] = "NO";
                values["familyInJapan"] = "NO";
                values["periodOfStay"] = "Y1";
                values["expiryDate"] = Iso(today.AddMonths(2));
                values["residenceCardNumber"] = card;
                values["desiredPeriod"] = "Y1";
                values["extensionReason"] = "引き続き日本で学業を継続するため。";
                values["changeReason"] = "日本の企業に就職するため。";
                values["certificatePurpose"] = "転職先に提出するため";
                values["employerName"] = faker.PickRandom(Employers);
                values["employerAddress"] = Municipalities[place] + Streets[place];
                values["employerPhone"] = "03" + faker.Random.ReplaceNumbers("########");
                values["jobDescription"] = "システムエンジニアとしてソフトウェアの設計及び開発に従事する。";
                values["employmentStart"] = Iso(today.AddMonths(1));
                values["receiptMethod"] = "MAIL";
                values["notificationEmail"] = values["notificationEmailConfirm"] = "demo@example.test";
                values["photoRecent"] = values["confirmTrue"] = "true";
                break;
            case ProcedureKind.UsageRequestNotifications or ProcedureKind.UsageRequestResidence or ProcedureKind.CertificateOfEligibilityByEmail:
                values["nameEnglish"] = Latin(name);
                values["dateOfBirth"] = Iso(born);
                values["residenceCardNumber"] = card;
                return values;
        }

        return FormDefinitions.For(procedure) is { } form ? new Dictionary<string, string>(form.Check(values.ToDictionary(v => v.Key, v => (string?)v.Value), today).Values) : values;
    }

    /// <summary>Capital Latin letters and single spaces only, as the name formats demand.</summary>
    public static string Latin(string name)
    {
        var letters = new string([.. (name ?? "").ToUpperInvariant().Select(c => c is >= 'A' and <= 'Z' ? c : ' ')]);
        var joined = string.Join(' ', letters.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return joined.Length == 0 ? "DEMO APPLICANT" : joined.Length > 100 ? joined[..100].TrimEnd() : joined;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
