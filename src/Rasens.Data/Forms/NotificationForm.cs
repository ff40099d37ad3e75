using Rasens.Data.Procedures;
using Rasens.Data.Seeding;

namespace Rasens.Data.Forms;

/// <summary>
/// Notification relating to the institution or spouse (001 §4.2.1): the chosen status of residence narrows
/// the contents (the matrix), the contents decide which details are asked for, and the event may not lie in
/// the future.
/// </summary>
public static class NotificationForm
{
    private static readonly string[] Leaving = ["ORG_LEAVING", "ORG_TRANSFER", "CONTRACT_TERMINATION"];
    private static readonly string[] Joining = ["ORG_TRANSFER", "CONTRACT_NEW"];
    private static readonly string[] Renamed = ["ORG_NAME_CHANGE", "CONTRACT_NAME_CHANGE"];
    private static readonly string[] Moved = ["ORG_ADDRESS_CHANGE", "CONTRACT_ADDRESS_CHANGE"];
    private static readonly string[] Extinguished = ["ORG_EXTINGUISHMENT", "CONTRACT_EXTINGUISHMENT"];
    private static readonly string[] SpouseEvents = ["SPOUSE_DIVORCE", "SPOUSE_BEREAVEMENT"];

    public static FormDefinition Definition { get; } = Build();

    private static FormDefinition Build()
    {
        var statuses = ReferenceData.StatusesOfResidence.Where(s => s.NotificationClassification is not null).ToList();
        var contents = ReferenceData.NotificationContents;
        var byStatus = statuses.ToDictionary(
            s => s.Code,
            s => (IReadOnlyList<Choice>)[.. contents.Where(c => c.Classification == s.NotificationClassification).OrderBy(c => c.SortOrder).Select(c => new Choice(c.Code, "content." + c.Code))],
            StringComparer.Ordinal);

        return new FormDefinition(ProcedureKind.InstitutionOrSpouseNotification, 1,
        [
            new Section("type", "section.notification-type",
            [
                new Field("statusOfResidence", FieldKind.Select, "field.statusOfResidence")
                {
                    Required = true,
                    Choices = [.. statuses.Select(s => new Choice(s.Code, "status." + s.Code))],
                    HintKey = "hint.statusOfResidence",
                },
                new Field("content", FieldKind.Select, "field.notificationContent")
                {
                    Required = true,
                    ChoicesFrom = "statusOfResidence",
                    DependentChoices = byStatus,
                    HintKey = "hint.notificationContent",
                },
            ]),
            new Section("notifier", "section.notifier",
            [
                new Field("nameEnglish", FieldKind.Text, "field.nameEnglish") { Required = true, Format = FieldFormat.NameEnglish, MaxLength = 104, HintKey = "hint.nameEnglish" },
                new Field("dateOfBirth", FieldKind.Date, "field.dateOfBirth") { Required = true, Format = FieldFormat.PastOrToday },
                new Field("nationality", FieldKind.Text, "field.nationality") { Required = true, MaxLength = 50 },
                new Field("residenceCardNumber", FieldKind.Text, "field.residenceCardNumber") { Required = true, Format = FieldFormat.ResidenceCardNumber, MaxLength = 12, HintKey = "hint.residenceCardNumber" },
                new Field("phone", FieldKind.Text, "field.phone") { Format = FieldFormat.Phone, MaxLength = 12, HintKey = "hint.phone" },
                new Field("mobile", FieldKind.Text, "field.mobile") { Format = FieldFormat.Phone, MaxLength = 12, HintKey = "hint.phone" },
            ]),
            new Section("event", "section.event",
            [
                new Field("eventDate", FieldKind.Date, "field.eventDate") { Required = true, Format = FieldFormat.PastOrToday, HintKey = "hint.eventDate" },
            ])
            { ShowWhen = new ShowWhen("content", [.. contents.Select(c => c.Code)]) },
            Organisation("former", "section.formerOrganisation", Leaving, address: true),
            Organisation("new", "section.newOrganisation", Joining, address: true, activity: true),
            new Section("renamed", "section.renamedOrganisation",
            [
                new Field("oldName", FieldKind.Text, "field.organisationOldName") { Required = true, MaxLength = 100 },
                new Field("newName", FieldKind.Text, "field.organisationNewName") { Required = true, MaxLength = 100 },
            ])
            { ShowWhen = new ShowWhen("content", Renamed) },
            new Section("moved", "section.movedOrganisation",
            [
                new Field("movedName", FieldKind.Text, "field.organisationName") { Required = true, MaxLength = 100 },
                new Field("movedPostalCode", FieldKind.Text, "field.newPostalCode") { Required = true, Format = FieldFormat.PostalCode, MaxLength = 7, HintKey = "hint.postalCode" },
                new Field("movedAddress", FieldKind.Text, "field.newAddress") { Required = true, Format = FieldFormat.InstitutionAddress, MaxLength = 85, HintKey = "hint.institutionAddress" },
            ])
            { ShowWhen = new ShowWhen("content", Moved) },
            new Section("extinguished", "section.extinguishedOrganisation",
            [
                new Field("extinguishedName", FieldKind.Text, "field.organisationName") { Required = true, MaxLength = 100 },
                new Field("extinguishedAddress", FieldKind.Text, "field.organisationAddress") { Required = true, Format = FieldFormat.InstitutionAddress, MaxLength = 85, HintKey = "hint.institutionAddress" },
            ])
            { ShowWhen = new ShowWhen("content", Extinguished) },
            new Section("spouse", "section.spouse",
            [
                new Field("spouseName", FieldKind.Text, "field.spouseName") { Required = true, MaxLength = 104 },
                new Field("spouseDateOfBirth", FieldKind.Date, "field.spouseDateOfBirth") { Required = true, Format = FieldFormat.PastOrToday },
                new Field("spouseNationality", FieldKind.Text, "field.spouseNationality") { Required = true, MaxLength = 50 },
            ])
            { ShowWhen = new ShowWhen("content", SpouseEvents) },
        ]);
    }

    private static Section Organisation(string prefix, string titleKey, string[] contents, bool address, bool activity = false)
    {
        List<Field> fields =
        [
            new($"{prefix}Name", FieldKind.Text, "field.organisationName") { Required = true, MaxLength = 100 },
        ];
        if (address)
        {
            fields.Add(new($"{prefix}PostalCode", FieldKind.Text, "field.postalCode") { Format = FieldFormat.PostalCode, MaxLength = 7, HintKey = "hint.postalCode" });
            fields.Add(new($"{prefix}Address", FieldKind.Text, "field.organisationAddress") { Required = true, Format = FieldFormat.InstitutionAddress, MaxLength = 85, HintKey = "hint.institutionAddress" });
        }

        if (activity)
        {
            fields.Add(new($"{prefix}Activity", FieldKind.Textarea, "field.activity") { Required = true, MaxLength = 400, HintKey = "hint.activity" });
        }

        return new Section(prefix, titleKey, fields) { ShowWhen = new ShowWhen("content", contents) };
    }
}

/// <summary>The form of each procedure that is entered as a form (requests for use and the e-COE receipt have their own pages).</summary>
public static class FormDefinitions
{
    public static FormDefinition? For(ProcedureKind procedure) => procedure switch
    {
        ProcedureKind.InstitutionOrSpouseNotification => NotificationForm.Definition,
        ProcedureKind.ExtensionOfPeriodOfStay => ResidenceForms.Extension,
        ProcedureKind.ChangeOfStatusOfResidence => ResidenceForms.ChangeOfStatus,
        ProcedureKind.AuthorizedEmploymentCertificate => ResidenceForms.AuthorizedEmployment,
        ProcedureKind.ChangeOfMethodOfReceipt => ResidenceForms.ChangeOfMethodOfReceipt,
        ProcedureKind.UsageRequestNotifications or ProcedureKind.UsageRequestResidence or ProcedureKind.CertificateOfEligibilityByEmail => null,
    };
}
