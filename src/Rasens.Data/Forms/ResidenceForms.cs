using Rasens.Data.Procedures;
using Rasens.Data.Seeding;

namespace Rasens.Data.Forms;

/// <summary>
/// The residence application forms (004 §3-3/3-4, 002 §4.2): extension of period of stay and change of status
/// of residence with their simultaneous applications (re-entry permit, activity other than permitted,
/// certificate of authorized employment, 002 §4.2.4), the certificate of authorized employment on its own, and
/// the change of method of receipt keyed by the temporary reception number (002 §5.3).
/// </summary>
public static class ResidenceForms
{
    public const string ReEntry = "reentry.";
    public const string Activity = "activity.";
    public const string Employment = "employment.";

    /// <summary>The simultaneous applications: the box that asks for one and the prefix of its own fields.</summary>
    public static IReadOnlyList<(string Box, string Prefix)> SimultaneousBoxes { get; } =
        [("simReEntry", ReEntry), ("simOtherActivity", Activity), ("simAuthorizedEmployment", Employment)];

    /// <summary>The identification fields a simultaneous application repeats unless "common items match" is ticked.</summary>
    public static IReadOnlyList<string> CommonItems { get; } =
    [
        "nationality", "nameEnglish", "sex", "dateOfBirth", "addressMunicipality", "addressStreet", "phone", "mobile",
        "passportNumber", "passportExpiry", "statusOfResidence", "periodOfStay", "expiryDate", "residenceCardNumber", "edLetters", "edDigits",
    ];

    private static readonly Choice[] Periods =
        [.. new[] { "D15", "D30", "M3", "M6", "Y1", "Y1M3", "Y2", "Y2M3", "Y3", "Y4M3", "Y5", "INDEFINITE" }.Select(p => new Choice(p, "period." + p))];

    private static readonly Choice[] Relationships =
        [.. new[] { "FATHER", "MOTHER", "SPOUSE", "CHILD", "SIBLING", "GRANDPARENT", "UNCLE_AUNT", "OTHER" }.Select(r => new Choice(r, "relationship." + r))];

    private static readonly Choice[] Industries =
        [.. new[] { "MANUFACTURING", "COMMERCE", "EDUCATION", "OTHER" }.Select(i => new Choice(i, "industry." + i))];

    private static readonly Choice[] Sexes = [new("Male", "sex.Male"), new("Female", "sex.Female")];

    private static readonly Choice[] Receipt = [new("MAIL", "receipt.MAIL"), new("COUNTER", "receipt.COUNTER")];

    public static FormDefinition Extension { get; } = Residency(ProcedureKind.ExtensionOfPeriodOfStay);

    public static FormDefinition ChangeOfStatus { get; } = Residency(ProcedureKind.ChangeOfStatusOfResidence);

    public static FormDefinition AuthorizedEmployment { get; } = new(ProcedureKind.AuthorizedEmploymentCertificate, 1,
    [
        StatusHeld(),
        Applicant(""),
        CurrentStatus(""),
        new Section("employment", "section.employment-details", EmploymentFields("")),
        ReceiptSection(),
        new Section("declaration", "section.declaration", [Tick("confirmTrue", "field.confirmTrue", required: true)]),
    ])
    {
        Rules = [.. IdentityRules(""), .. ReceiptRules()],
        Attachments = new AttachmentPolicy(Photo: false, PhotoRequired: false, Documents: true),
    };

    public static FormDefinition ChangeOfMethodOfReceipt { get; } = new(ProcedureKind.ChangeOfMethodOfReceipt, 1,
    [
        new Section("change", "section.change-of-receipt",
        [
            new Field("changeClassification", FieldKind.Select, "field.changeClassification")
            {
                Required = true,
                Choices = [new("RESIDENCE_CARD", "changeclass.RESIDENCE_CARD"), new("CERTIFICATE", "changeclass.CERTIFICATE")],
            },
            Text("temporaryReceptionNumber", "field.temporaryReceptionNumber", 13, FieldFormat.ReceiptNumber, hint: "hint.temporaryReceptionNumber"),
            new Field("receiptMethod", FieldKind.Radio, "field.receiptMethod") { Required = true, Choices = Receipt },
            OfficeField(),
        ]),
    ]);

    private static FormDefinition Residency(ProcedureKind kind)
    {
        var change = kind == ProcedureKind.ChangeOfStatusOfResidence;
        var statuses = AllStatuses();
        List<Section> sections =
        [
            change
                ? new Section("type", "section.residence-type",
                [
                    new Field("desiredStatus", FieldKind.Select, "field.desiredStatus") { Required = true, Choices = statuses },
                    StatusHeldField(statuses),
                ])
                : StatusHeld(),
            Applicant(""),
            new Section("criminal", "section.criminal-record",
            [
                new Field("criminalRecord", FieldKind.Radio, "field.criminalRecord") { Required = true, Choices = YesNo(noFirst: true), HintKey = "hint.criminalRecord" },
                new Field("criminalRecordDetails", FieldKind.Textarea, "field.criminalRecordDetails") { Required = true, MaxLength = 400, ShowWhen = ShowWhen.Is("criminalRecord", "YES") },
            ]),
            new Section("familyQuestion", "section.family",
            [
                new Field("familyInJapan", FieldKind.Radio, "field.familyInJapan") { Required = true, Choices = YesNo(noFirst: false) },
            ]),
            new Section("family", "section.family-member",
            [
                new Field("relationship", FieldKind.Select, "field.relationship")
                {
                    Required = true,
                    Choices = Relationships,
                },
                Text("name", "field.familyMemberName", 104, hint: "hint.familyMemberName"),
                new Field("dateOfBirth", FieldKind.Date, "field.dateOfBirth") { Required = true, Format = FieldFormat.PastOrToday },
                Text("nationality", "field.nationality", 50),
                new Field("residingWith", FieldKind.Radio, "field.residingWith") { Required = true, Choices = YesNo(noFirst: false) },
                Text("workOrSchool", "field.workOrSchool", 100, required: false),
                Text("residenceCardNumber", "field.residenceCardNumber", 12, FieldFormat.ResidenceCardNumber, required: false, hint: "hint.residenceCardNumber"),
            ])
            { MaxRepeat = 6, ShowWhen = ShowWhen.Is("familyInJapan", "YES"), HintKey = "hint.familyMembers" },
            CurrentStatus(""),
            change
                ? new Section("change", "section.change",
                [
                    new Field("desiredPeriod", FieldKind.Select, "field.desiredPeriod") { Required = true, Choices = Periods, HintKey = "hint.desiredPeriod" },
                    new Field("changeReason", FieldKind.Textarea, "field.changeReason") { Required = true, MaxLength = 400 },
                ])
                : new Section("extension", "section.extension",
                [
                    new Field("desiredPeriod", FieldKind.Select, "field.desiredPeriod") { Required = true, Choices = Periods, HintKey = "hint.desiredPeriod" },
                    new Field("extensionReason", FieldKind.Textarea, "field.extensionReason") { Required = true, MaxLength = 400, HintKey = "hint.extensionReason" },
                ]),
            new Section("simultaneous", "section.simultaneous",
            [
                Tick("simReEntry", "field.simReEntry"),
                Tick("simOtherActivity", "field.simOtherActivity"),
                Tick("simAuthorizedEmployment", "field.simAuthorizedEmployment"),
                Tick("commonItemsMatch", "field.commonItemsMatch") with { HintKey = "hint.commonItemsMatch" },
            ])
            { HintKey = "hint.simultaneous" },
            new Section("reentry", "section.reentry",
            [
                .. Common(ReEntry),
                new Field(ReEntry + "type", FieldKind.Radio, "field.reentryType") { Required = true, Choices = [new("SINGLE", "reentry.SINGLE"), new("MULTIPLE", "reentry.MULTIPLE")] },
                new Field(ReEntry + "departureDate", FieldKind.Date, "field.departureDate") { Required = true, Format = FieldFormat.FutureDate },
                new Field(ReEntry + "returnDate", FieldKind.Date, "field.returnDate") { Required = true, Format = FieldFormat.FutureDate },
                Text(ReEntry + "destination", "field.destination", 50),
                Text(ReEntry + "purpose", "field.tripPurpose", 100),
            ])
            { ShowWhen = ShowWhen.Ticked("simReEntry") },
            new Section("activity", "section.activity",
            [
                .. Common(Activity),
                Text(Activity + "presentActivity", "field.presentActivity", 40, hint: "hint.presentActivity"),
                new Field(Activity + "workType", FieldKind.Radio, "field.workType")
                {
                    Required = true,
                    Choices = [new("TRANSLATION", "worktype.TRANSLATION"), new("LANGUAGE_TEACHING", "worktype.LANGUAGE_TEACHING"), new("OTHER", "worktype.OTHER")],
                },
                Text(Activity + "workTypeOther", "field.workTypeOther", 40) with { ShowWhen = ShowWhen.Is(Activity + "workType", "OTHER") },
                Tick(Activity + "undecided", "field.employmentUndecided"),
            ])
            { ShowWhen = ShowWhen.Ticked("simOtherActivity") },
            new Section("activityEmployer", "section.activity-employer",
            [
                .. new[]
                {
                    Text(Activity + "contractTerm", "field.contractTerm", 40, hint: "hint.contractTerm"),
                    Text(Activity + "hoursPerWeek", "field.hoursPerWeek", 2, FieldFormat.Digits, hint: "hint.hoursPerWeek"),
                    Text(Activity + "monthlySalary", "field.monthlySalary", 5, FieldFormat.Digits, hint: "hint.monthlySalary"),
                    Text(Activity + "employerName", "field.employerName", 100),
                    Text(Activity + "employerMunicipality", "field.employerMunicipality", 40, FieldFormat.AddressInJapan, hint: "hint.addressMunicipality"),
                    Text(Activity + "employerStreet", "field.employerStreet", 80, FieldFormat.AddressInJapan, hint: "hint.addressStreet"),
                    Text(Activity + "employerPhone", "field.employerPhone", 12, FieldFormat.Phone, hint: "hint.phone"),
                    new Field(Activity + "industry", FieldKind.Radio, "field.industry")
                    {
                        Required = true,
                        Choices = Industries,
                    },
                }.Select(f => f with { ShowWhen = ShowWhen.NotTicked(Activity + "undecided") }),
                Text(Activity + "industryOther", "field.industryOther", 40) with { ShowWhen = ShowWhen.Is(Activity + "industry", "OTHER") },
            ])
            { ShowWhen = ShowWhen.Ticked("simOtherActivity") },
            new Section("employment", "section.employment", [.. Common(Employment), .. EmploymentFields(Employment)])
            { ShowWhen = ShowWhen.Ticked("simAuthorizedEmployment") },
            ReceiptSection(),
            new Section("declaration", "section.declaration",
            [
                Tick("photoRecent", "field.photoRecent", required: true),
                Tick("confirmTrue", "field.confirmTrue", required: true),
            ]),
        ];

        return new FormDefinition(kind, 1, sections)
        {
            Rules =
            [
                .. IdentityRules(""), .. IdentityRules(ReEntry), .. IdentityRules(Activity), .. IdentityRules(Employment), .. ReceiptRules(),
                new FormRule(ReEntry + "returnDate", "form.return-before-departure",
                    v => v.TryGetValue(ReEntry + "returnDate", out var back) && v.TryGetValue(ReEntry + "departureDate", out var away) && string.CompareOrdinal(back, away) <= 0),
                // 002 §4.2.5: with a re-entry permit the card is collected at the counter.
                new FormRule("receiptMethod", "form.reentry-counter", v => v.GetValueOrDefault("simReEntry") == "true" && v.GetValueOrDefault("receiptMethod") != "COUNTER"),
            ],
            Copies =
            [
                .. SimultaneousBoxes.Select(s => new CopyRule(
                    [ShowWhen.Ticked("commonItemsMatch"), ShowWhen.Ticked(s.Box)],
                    [.. CommonItems.Select(item => (item, s.Prefix + item))])),
            ],
            Attachments = new AttachmentPolicy(Photo: true, PhotoRequired: true, Documents: true),
        };
    }

    private static Section StatusHeld() => new("type", "section.residence-type", [StatusHeldField(AllStatuses())]);

    private static Field StatusHeldField(Choice[] statuses) =>
        new("statusOfResidence", FieldKind.Select, "field.statusOfResidence") { Required = true, Choices = statuses, HintKey = "hint.statusOfResidenceHeld" };

    private static Choice[] AllStatuses() => [.. ReferenceData.StatusesOfResidence.Select(s => new Choice(s.Code, "status." + s.Code))];

    private static Section Applicant(string prefix) => new("applicant", "section.applicant-details", Identity(prefix));

    /// <summary>Identification details 1 (004 §3-3 (1)–(12)).</summary>
    private static Field[] Identity(string p) =>
    [
        Text(p + "nationality", "field.nationality", 50),
        Text(p + "nameEnglish", "field.nameEnglish", 104, FieldFormat.NameEnglishResidency, hint: "hint.nameEnglishResidency"),
        new(p + "sex", FieldKind.Radio, "field.sex") { Required = true, Choices = Sexes },
        new(p + "dateOfBirth", FieldKind.YearMonthDay, "field.dateOfBirth") { Required = true, Format = FieldFormat.PastOrToday, UnknownParts = true, HintKey = "hint.dateOfBirthUnknown" },
        .. p.Length == 0
            ?
            new Field[]
            {
                new("maritalStatus", FieldKind.Radio, "field.maritalStatus") { Required = true, Choices = [new("MARRIED", "marital.MARRIED"), new("SINGLE", "marital.SINGLE")] },
                Text("occupation", "field.occupation", 50),
                Text("homeTown", "field.homeTown", 50),
            }
            : [],
        Text(p + "addressMunicipality", "field.addressMunicipality", 40, FieldFormat.AddressInJapan, hint: "hint.addressMunicipality"),
        Text(p + "addressStreet", "field.addressStreet", 80, FieldFormat.AddressInJapan, hint: "hint.addressStreet"),
        Text(p + "phone", "field.phone", 12, FieldFormat.Phone, required: false, hint: "hint.phoneOrMobile"),
        Text(p + "mobile", "field.mobile", 12, FieldFormat.Phone, required: false, hint: "hint.phone"),
        Text(p + "passportNumber", "field.passportNumber", 12, FieldFormat.PassportNumber, required: false, hint: "hint.passportNumber"),
        new(p + "passportExpiry", FieldKind.Date, "field.passportExpiry") { Format = FieldFormat.FutureDate },
    ];

    /// <summary>Identification details 2 (004 §3-4 1–6): the status held now.</summary>
    private static Section CurrentStatus(string p) => new("status", "section.current-status", Status(p, withHeld: false));

    private static Field[] Status(string p, bool withHeld) =>
    [
        .. withHeld ? new[] { StatusHeldField(AllStatuses()) with { Key = p + "statusOfResidence" } } : [],
        new(p + "periodOfStay", FieldKind.Select, "field.periodOfStay") { Required = true, Choices = Periods },
        new(p + "expiryDate", FieldKind.YearMonthDay, "field.expiryDate") { Required = true, Indefinite = true, HintKey = "hint.expiryDate" },
        Text(p + "residenceCardNumber", "field.residenceCardNumber", 12, FieldFormat.ResidenceCardNumber, required: false, hint: "hint.residenceCardOrEd"),
        Text(p + "edLetters", "field.edLetters", 4, FieldFormat.EdNumberLetters, required: false, hint: "hint.edLetters"),
        Text(p + "edDigits", "field.edDigits", 7, FieldFormat.EdNumberDigits, required: false, hint: "hint.edDigits"),
    ];

    /// <summary>A simultaneous application's own copy of the common items, asked only when they do not match.</summary>
    private static IEnumerable<Field> Common(string prefix) =>
        Identity(prefix).Concat(Status(prefix, withHeld: true)).Select(f => f with { ShowWhen = ShowWhen.NotTicked("commonItemsMatch") });

    private static Field[] EmploymentFields(string p) =>
    [
        Text(p + "certificatePurpose", "field.certificatePurpose", 100),
        Text(p + "employerName", "field.employerName", 100),
        Text(p + "employerAddress", "field.employerAddress", 85, FieldFormat.InstitutionAddress, hint: "hint.institutionAddress"),
        Text(p + "employerPhone", "field.employerPhone", 12, FieldFormat.Phone, hint: "hint.phone"),
        new(p + "jobDescription", FieldKind.Textarea, "field.jobDescription") { Required = true, MaxLength = 400 },
        new(p + "employmentStart", FieldKind.Date, "field.employmentStart") { Required = true },
    ];

    private static Section ReceiptSection() => new("receipt", "section.receipt",
    [
        new Field("receiptMethod", FieldKind.Radio, "field.receiptMethod") { Required = true, Choices = Receipt, HintKey = "hint.receiptMethod" },
        OfficeField(),
        Text("notificationEmail", "field.notificationEmail", 60, FieldFormat.Email, hint: "hint.notificationEmail"),
        Text("notificationEmailConfirm", "field.notificationEmailConfirm", 60, FieldFormat.Email),
    ]);

    private static Field OfficeField() => new("receiptOffice", FieldKind.Select, "field.receiptOffice")
    {
        Required = true,
        Choices = [.. ReferenceData.Offices.OrderBy(o => o.SortOrder).Select(o => new Choice(o.Code, "office." + o.Code))],
        ShowWhen = ShowWhen.Is("receiptMethod", "COUNTER"),
    };

    private static IEnumerable<FormRule> IdentityRules(string p)
    {
        bool Has(IReadOnlyDictionary<string, string> v, string key) => v.ContainsKey(p + key);
        yield return new FormRule(p + "phone", "form.phone-or-mobile", v => !Has(v, "phone") && !Has(v, "mobile"));
        // 004 §3-4: the ED number is entered only by someone without a residence card, and then in full.
        yield return new FormRule(p + "residenceCardNumber", "form.card-or-ed", v => !Has(v, "residenceCardNumber") && !Has(v, "edLetters") && !Has(v, "edDigits"));
        yield return new FormRule(p + "edLetters", "form.ed-with-card", v => Has(v, "residenceCardNumber") && (Has(v, "edLetters") || Has(v, "edDigits")));
        yield return new FormRule(p + "edDigits", "form.ed-incomplete", v => !Has(v, "residenceCardNumber") && Has(v, "edLetters") != Has(v, "edDigits"));
    }

    private static IEnumerable<FormRule> ReceiptRules()
    {
        yield return new FormRule("notificationEmailConfirm", "form.email-mismatch",
            v => v.TryGetValue("notificationEmailConfirm", out var again) && v.GetValueOrDefault("notificationEmail") != again);
    }

    private static Choice[] YesNo(bool noFirst) =>
        noFirst ? [new("NO", "yesno.NO"), new("YES", "yesno.YES")] : [new("YES", "yesno.YES"), new("NO", "yesno.NO")];

    private static Field Text(string key, string label, int max, FieldFormat format = FieldFormat.None, bool required = true, string? hint = null) =>
        new(key, FieldKind.Text, label) { Required = required, MaxLength = max, Format = format, HintKey = hint };

    private static Field Tick(string key, string label, bool required = false) => new(key, FieldKind.Checkbox, label) { Required = required };
}
