using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;

namespace Rasens.Data.Seeding;

/// <summary>
/// The catalogue every installation needs (DOMAIN §3): the eight procedures, statuses of residence and
/// the notification matrix, regional offices and search synonyms. Idempotent: inserts what is missing
/// by key and never overwrites what an administrator has since changed.
/// </summary>
public static class ReferenceData
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static IReadOnlyList<RegionalOffice> Offices { get; } =
    [
        new() { Id = 1, Code = "SAPPORO", NameJa = "札幌出入国在留管理局", NameEn = "Sapporo Regional Immigration Services Bureau", NumberPrefix = "札", SortOrder = 1 },
        new() { Id = 2, Code = "SENDAI", NameJa = "仙台出入国在留管理局", NameEn = "Sendai Regional Immigration Services Bureau", NumberPrefix = "仙", SortOrder = 2 },
        new() { Id = 3, Code = "TOKYO", NameJa = "東京出入国在留管理局", NameEn = "Tokyo Regional Immigration Services Bureau", NumberPrefix = "東", SortOrder = 3 },
        new() { Id = 4, Code = "YOKOHAMA", NameJa = "東京出入国在留管理局横浜支局", NameEn = "Yokohama District Immigration Services Office", NumberPrefix = "横", SortOrder = 4 },
        new() { Id = 5, Code = "NAGOYA", NameJa = "名古屋出入国在留管理局", NameEn = "Nagoya Regional Immigration Services Bureau", NumberPrefix = "名", SortOrder = 5 },
        new() { Id = 6, Code = "OSAKA", NameJa = "大阪出入国在留管理局", NameEn = "Osaka Regional Immigration Services Bureau", NumberPrefix = "大", SortOrder = 6 },
        new() { Id = 7, Code = "KOBE", NameJa = "大阪出入国在留管理局神戸支局", NameEn = "Kobe District Immigration Services Office", NumberPrefix = "神", SortOrder = 7 },
        new() { Id = 8, Code = "HIROSHIMA", NameJa = "広島出入国在留管理局", NameEn = "Hiroshima Regional Immigration Services Bureau", NumberPrefix = "広", SortOrder = 8 },
        new() { Id = 9, Code = "TAKAMATSU", NameJa = "高松出入国在留管理局", NameEn = "Takamatsu Regional Immigration Services Bureau", NumberPrefix = "高", SortOrder = 9 },
        new() { Id = 10, Code = "FUKUOKA", NameJa = "福岡出入国在留管理局", NameEn = "Fukuoka Regional Immigration Services Bureau", NumberPrefix = "福", SortOrder = 10 },
        new() { Id = 11, Code = "NAHA", NameJa = "福岡出入国在留管理局那覇支局", NameEn = "Naha District Immigration Services Office", NumberPrefix = "那", SortOrder = 11 },
    ];

    private const string ContractsOnly = "Only when the activities are based on contracts with Japanese public or private organisations.";
    private const string SpouseBasis = "Only when the activities or status as a spouse form the basis of the status of residence.";

    /// <summary>Statuses of residence; the classification column is the notification matrix (001 §4.2.1).</summary>
    public static IReadOnlyList<StatusOfResidence> StatusesOfResidence { get; } =
    [
        Status("PROFESSOR", "教授", "Professor", NotificationClassification.ActivityOrganization),
        Status("INSTRUCTOR", "教育", "Instructor", NotificationClassification.ActivityOrganization),
        Status("INTRA_COMPANY_TRANSFEREE", "企業内転勤", "Intra-company Transferee", NotificationClassification.ActivityOrganization),
        Status("BUSINESS_MANAGER", "経営・管理", "Business Manager", NotificationClassification.ActivityOrganization),
        Status("STUDENT", "留学", "Student", NotificationClassification.ActivityOrganization),
        Status("TRAINEE", "研修", "Trainee", NotificationClassification.ActivityOrganization),
        Status("MEDICAL_SERVICES", "医療", "Medical Services", NotificationClassification.ActivityOrganization),
        Status("LEGAL_ACCOUNTING", "法律・会計業務", "Legal/Accounting Services", NotificationClassification.ActivityOrganization),
        Status("TECHNICAL_INTERN", "技能実習", "Technical Intern Training", NotificationClassification.ActivityOrganization),
        Status("HSP_1C_2", "高度専門職1号ハ・2号", "Highly-Skilled Professional (i)(c) & (ii)", NotificationClassification.ActivityOrganization),
        Status("RESEARCHER", "研究", "Researcher", NotificationClassification.ContractingOrganization),
        Status("ENGINEER_HUMANITIES", "技術・人文知識・国際業務", "Engineer/Specialist in Humanities/International Services", NotificationClassification.ContractingOrganization),
        Status("SKILLED_LABOR", "技能", "Skilled Labor", NotificationClassification.ContractingOrganization),
        Status("NURSING_CARE", "介護", "Nursing Care", NotificationClassification.ContractingOrganization),
        Status("ENTERTAINER", "興行", "Entertainer", NotificationClassification.ContractingOrganization, ContractsOnly),
        Status("HSP_1A_2", "高度専門職1号イ・2号", "Highly-Skilled Professional (i)(a) & (ii)", NotificationClassification.ContractingOrganization),
        Status("HSP_1B_2", "高度専門職1号ロ・2号", "Highly-Skilled Professional (i)(b) & (ii)", NotificationClassification.ContractingOrganization),
        Status("SPECIFIED_SKILLED_WORKER", "特定技能", "Specified Skilled Worker", NotificationClassification.ContractingOrganization),
        Status("DEPENDENT", "家族滞在", "Dependent", NotificationClassification.Spouse, SpouseBasis),
        Status("SPOUSE_OF_JAPANESE", "日本人の配偶者等", "Spouse or Child of Japanese National", NotificationClassification.Spouse, SpouseBasis),
        Status("SPOUSE_OF_PERMANENT_RESIDENT", "永住者の配偶者等", "Spouse or Child of Permanent Resident", NotificationClassification.Spouse, SpouseBasis),
        Status("ARTIST", "芸術", "Artist", null),
        Status("RELIGIOUS_ACTIVITIES", "宗教", "Religious Activities", null),
        Status("JOURNALIST", "報道", "Journalist", null),
        Status("CULTURAL_ACTIVITIES", "文化活動", "Cultural Activities", null),
        Status("DESIGNATED_ACTIVITIES", "特定活動", "Designated Activities", null),
        Status("LONG_TERM_RESIDENT", "定住者", "Long-Term Resident", null),
        Status("PERMANENT_RESIDENT", "永住者", "Permanent Resident", null),
    ];

    public static IReadOnlyList<NotificationContent> NotificationContents { get; } =
    [
        Content("ORG_LEAVING", NotificationClassification.ActivityOrganization, "離脱", "Leaving", 1),
        Content("ORG_TRANSFER", NotificationClassification.ActivityOrganization, "移籍", "Transfer", 2),
        Content("ORG_NAME_CHANGE", NotificationClassification.ActivityOrganization, "名称変更", "Change in the name of the organization", 3),
        Content("ORG_ADDRESS_CHANGE", NotificationClassification.ActivityOrganization, "所在地変更", "Change in the address of the organization", 4),
        Content("ORG_EXTINGUISHMENT", NotificationClassification.ActivityOrganization, "消滅", "Extinguishment of the organization", 5),
        Content("CONTRACT_TERMINATION", NotificationClassification.ContractingOrganization, "契約の終了", "Contract termination", 1),
        Content("CONTRACT_NEW", NotificationClassification.ContractingOrganization, "新たな契約の締結", "New contract conclusion", 2),
        Content("CONTRACT_NAME_CHANGE", NotificationClassification.ContractingOrganization, "名称変更", "Change in the name of the organization", 3),
        Content("CONTRACT_ADDRESS_CHANGE", NotificationClassification.ContractingOrganization, "所在地変更", "Change in the address of the organization", 4),
        Content("CONTRACT_EXTINGUISHMENT", NotificationClassification.ContractingOrganization, "消滅", "Extinguishment of the organization", 5),
        Content("SPOUSE_DIVORCE", NotificationClassification.Spouse, "配偶者との離婚", "Divorce from spouse", 1),
        Content("SPOUSE_BEREAVEMENT", NotificationClassification.Spouse, "配偶者との死別", "Bereavement of spouse", 2),
    ];

    public static IReadOnlyList<SearchSynonym> Synonyms { get; } =
    [
        new() { Id = 1, Term = "renewal", Synonym = "extension" },
        new() { Id = 2, Term = "visa", Synonym = "status of residence" },
        new() { Id = 3, Term = "更新", Synonym = "在留期間" },
        new() { Id = 4, Term = "work permit", Synonym = "authorized employment" },
        new() { Id = 5, Term = "job change", Synonym = "institution" },
        new() { Id = 6, Term = "転職", Synonym = "所属機関" },
        new() { Id = 7, Term = "coe", Synonym = "certificate of eligibility" },
        new() { Id = 8, Term = "divorce", Synonym = "spouse" },
    ];

    public static IReadOnlyList<Procedure> Procedures() =>
    [
        Procedure(ProcedureKind.UsageRequestNotifications, "usage-request-notifications", Workflow.Notification, null, "N", At(2025, 12, 19, 0, 0), 5,
            ("ja", "利用申請（所属機関等に関する届出・配偶者に関する届出を開始しようとする外国人の方）",
                "電子届出システムで所属機関等・配偶者に関する届出を行うためには、初回に限りこの利用申請が必要です。マイナンバーカードの利用者証明用電子証明書と基本4情報（氏名・住所・生年月日・性別）を読み取り、本人確認を行います。"),
            ("en", "Request for use (for foreign nationals who wish to begin notification about institution or spouse)",
                "Before your first notification relating to the institution or spouse you must submit this request for use once. Your identity is verified by reading the user-authentication certificate and the basic four information items (name, address, date of birth and sex) on your My Number card.")),
        Procedure(ProcedureKind.UsageRequestResidence, "usage-request-residence", Workflow.Notification, null, "R", At(2025, 8, 18, 9, 30), 5,
            ("ja", "利用申請（在留申請を開始しようとする外国人の方）",
                "在留申請オンラインシステムで在留期間更新許可申請等を行うためには、初回に限りこの利用申請が必要です。マイナンバーカードの利用者証明用電子証明書と基本4情報を読み取り、本人確認を行います。"),
            ("en", "Request for use (for foreign nationals who wish to start residence applications)",
                "Before your first residence application online you must submit this request for use once. Your identity is verified by reading the user-authentication certificate and the basic four information items on your My Number card.")),
        Procedure(ProcedureKind.InstitutionOrSpouseNotification, "institution-or-spouse-notification", Workflow.Notification, ProcedureKind.UsageRequestNotifications, "T", At(2025, 11, 5, 0, 0), 10,
            ("ja", "所属機関・配偶者に関する届出",
                "出入国管理及び難民認定法第19条の16に基づく所属機関等に関する届出及び配偶者に関する届出です。届出事由が生じた日から14日以内に届け出てください。届出事由が生じる前に届け出ることはできません。"),
            ("en", "Notification relating to the institution or spouse",
                "Notifications regarding affiliated institutions and spouses under Article 19-16 of the Immigration Control and Refugee Recognition Act. Submit within 14 days of the event. A notification cannot be submitted before the event has happened.")),
        Procedure(ProcedureKind.ExtensionOfPeriodOfStay, "extension-of-stay", Workflow.Application, ProcedureKind.UsageRequestResidence, "E", At(2025, 12, 10, 0, 0), 20,
            ("ja", "在留期間更新許可申請（外国人本人）",
                "（注1）申請書に虚偽の記載をしたことが判明した場合は、不利益な取扱いを受けることがあります。（注2）オンラインで申請できる申請の種類及び在留資格を確認してください。対象外の申請をした場合は、申請の取下げ等が必要になります。"),
            ("en", "Application for extension of period of stay (for foreign nationals)",
                "(Note 1) If it is found that false information was entered in the application form, you may be subject to unfavorable treatment. (Note 2) Please check the types of applications and statuses of residence that can be applied for online. If you apply for a non-eligible application, you will need to withdraw the application.")),
        Procedure(ProcedureKind.ChangeOfStatusOfResidence, "change-of-status", Workflow.Application, ProcedureKind.UsageRequestResidence, "C", At(2025, 12, 10, 0, 0), 20,
            ("ja", "在留資格変更許可申請（外国人本人）",
                "（注1）申請書に虚偽の記載をしたことが判明した場合は、不利益な取扱いを受けることがあります。（注2）オンラインで申請できる申請の種類及び在留資格を確認してください。対象外の申請をした場合は、申請の取下げ等が必要になります。"),
            ("en", "Application for change of status of residence (for foreign nationals)",
                "(Note 1) If it is found that false information was entered in the application form, you may be subject to unfavorable treatment. (Note 2) Please check the types of applications and statuses of residence that can be applied for online. If you apply for a non-eligible application, you will need to withdraw the application.")),
        Procedure(ProcedureKind.AuthorizedEmploymentCertificate, "authorized-employment", Workflow.Application, ProcedureKind.UsageRequestResidence, "W", At(2025, 11, 7, 0, 0), 20,
            ("ja", "就労資格証明書交付申請（外国人本人）",
                "本邦において行うことができる収入を伴う事業を運営する活動又は報酬を受ける活動を証明する就労資格証明書の交付を申請します。"),
            ("en", "Application for certificate of authorized employment (for foreign nationals)",
                "Apply for a certificate that proves which income-earning or remunerated activities you may engage in while in Japan.")),
        Procedure(ProcedureKind.ChangeOfMethodOfReceipt, "change-of-receipt-method", Workflow.Notification, ProcedureKind.UsageRequestResidence, "M", At(2025, 11, 5, 0, 0), 5,
            ("ja", "受領方法変更申請",
                "在留カード及び証印シール等の受領方法（郵送又は地方出入国在留管理官署の窓口）を変更します。仮受付番号が必要です。"),
            ("en", "Application for change of method of receipt",
                "Change how you receive your residence card and certificate: by mail, or at the counter of a regional immigration services office. You need the temporary reception number of your application.")),
        Procedure(ProcedureKind.CertificateOfEligibilityByEmail, "coe-by-email", null, null, "K", At(2025, 10, 23, 0, 0), 0,
            ("ja", "在留資格認定証明書の電子メールでの受領（窓口申請）",
                "地方出入国在留管理官署の窓口で在留資格認定証明書交付申請を行い、電子メールでの受領を希望した方は、受領した在留資格認定証明書について受領登録を行ってください。"),
            ("en", "Certificate of eligibility received by e-mail (in-person application)",
                "If you applied in person at a regional immigration services bureau for a Certificate of Eligibility and chose to receive it by e-mail, register the receipt of the certificate here.")),
    ];

    public static async Task EnsureAsync(RasensDbContext db, CancellationToken cancellationToken = default)
    {
        var officeIds = await db.Offices.Select(o => o.Id).ToListAsync(cancellationToken);
        db.Offices.AddRange(Offices.Where(o => !officeIds.Contains(o.Id)).Select(Copy));

        var statusCodes = await db.StatusesOfResidence.Select(s => s.Code).ToListAsync(cancellationToken);
        db.StatusesOfResidence.AddRange(StatusesOfResidence.Where(s => !statusCodes.Contains(s.Code)).Select(Copy));

        var contentCodes = await db.NotificationContents.Select(c => c.Code).ToListAsync(cancellationToken);
        db.NotificationContents.AddRange(NotificationContents.Where(c => !contentCodes.Contains(c.Code)).Select(Copy));

        var synonymIds = await db.SearchSynonyms.Select(s => s.Id).ToListAsync(cancellationToken);
        db.SearchSynonyms.AddRange(Synonyms.Where(s => !synonymIds.Contains(s.Id)).Select(s => new SearchSynonym { Id = s.Id, Term = s.Term, Synonym = s.Synonym }));

        var procedureIds = await db.Procedures.Select(p => p.Id).ToListAsync(cancellationToken);
        db.Procedures.AddRange(Procedures().Where(p => !procedureIds.Contains(p.Id)));

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTime At(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Jst).UtcDateTime;

    private static Procedure Procedure(
        ProcedureKind kind, string code, Workflow? workflow, ProcedureKind? requires, string category, DateTime startsAt, int deadlineDays,
        (string Culture, string Name, string Explanation) ja, (string Culture, string Name, string Explanation) en) => new()
    {
        Id = (int)kind,
        Kind = kind,
        Code = code,
        Workflow = workflow,
        RequiresUsageRequest = requires,
        NumberCategory = category,
        ReceptionStartsAt = startsAt,
        ReceptionEndsAt = null,
        CanBeFavourite = true,
        DeadlineWorkingDays = deadlineDays,
        FormVersion = 1,
        SortOrder = (int)kind,
        Texts =
        [
            new() { Culture = ja.Culture, Name = ja.Name, Explanation = ja.Explanation, TermsOfUse = TermsJa, ContactInformation = ContactJa },
            new() { Culture = en.Culture, Name = en.Name, Explanation = en.Explanation, TermsOfUse = TermsEn, ContactInformation = ContactEn },
        ],
    };

    private const string TermsJa =
        "利用規約\nご利用前に必ずお読みください。\n在留申請オンラインシステム及び電子届出システム（以下「本システム」という。）を利用して手続を行うためには、下記規約に同意いただく必要があります。なお、下記規約の翻訳版と日本語版に相違がある場合は、日本語版が優先されるものとします。\n1. 利用可能な時間\n本システムは、原則24時間365日、ご利用いただけます。ただし、本システムのメンテナンス等の必要があるときは、事前の通知を行うことなく、本システムの運用の停止等を行うことができます。\n2. 禁止事項\n虚偽の申請・届出、他人へのなりすまし、本システムの運用を妨げる行為を禁止します。\n3. 個人情報の取扱い\n登録された個人情報は、本手続に係る行政目的にのみ利用します。";

    private const string TermsEn =
        "Terms of use\nPlease read before use.\nTo carry out procedures through the online residence application system and the electronic notification system (\"the System\") you must agree to the following terms. These terms are defined in Japanese; where a translation differs from the Japanese version, the Japanese version prevails.\n1. Hours of availability\nThe System is in principle available 24 hours a day, 365 days a year. Operation may be suspended without prior notice when maintenance is needed.\n2. Prohibited acts\nFalse applications or notifications, impersonating another person and any act that hinders the operation of the System are prohibited.\n3. Personal information\nRegistered personal information is used only for the administrative purposes of these procedures.";

    private const string ContactJa = "出入国在留管理庁 在留手続オンライン窓口 電話 0570-013904（平日 8:30〜17:15）";

    private const string ContactEn = "Immigration Services Agency, online residence procedures desk: 0570-013904 (weekdays 8:30–17:15 JST)";

    private static StatusOfResidence Status(string code, string ja, string en, NotificationClassification? classification, string? condition = null) =>
        new() { Code = code, NameJa = ja, NameEn = en, NotificationClassification = classification, NotificationCondition = condition };

    private static NotificationContent Content(string code, NotificationClassification classification, string ja, string en, int order) =>
        new() { Code = code, Classification = classification, NameJa = ja, NameEn = en, SortOrder = order };

    private static RegionalOffice Copy(RegionalOffice o) => new()
    {
        Id = o.Id, Code = o.Code, NameJa = o.NameJa, NameEn = o.NameEn, NumberPrefix = o.NumberPrefix, SortOrder = o.SortOrder,
    };

    private static StatusOfResidence Copy(StatusOfResidence s) => new()
    {
        Code = s.Code, NameJa = s.NameJa, NameEn = s.NameEn, NotificationClassification = s.NotificationClassification,
        NotificationCondition = s.NotificationCondition, SortOrder = StatusesOfResidenceOrder(s.Code),
    };

    private static NotificationContent Copy(NotificationContent c) => new()
    {
        Code = c.Code, Classification = c.Classification, NameJa = c.NameJa, NameEn = c.NameEn, SortOrder = c.SortOrder,
    };

    private static int StatusesOfResidenceOrder(string code)
    {
        for (var i = 0; i < StatusesOfResidence.Count; i++)
        {
            if (StatusesOfResidence[i].Code == code)
            {
                return i + 1;
            }
        }

        return int.MaxValue;
    }
}
