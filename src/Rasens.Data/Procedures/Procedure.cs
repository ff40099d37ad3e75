using Rasens.Data.Applications;

namespace Rasens.Data.Procedures;

/// <summary>The eight procedures of DOMAIN §3. The number is the procedure's id; never renumber.</summary>
public enum ProcedureKind
{
    UsageRequestNotifications = 1,
    UsageRequestResidence = 2,
    InstitutionOrSpouseNotification = 3,
    ExtensionOfPeriodOfStay = 4,
    ChangeOfStatusOfResidence = 5,
    AuthorizedEmploymentCertificate = 6,
    ChangeOfMethodOfReceipt = 7,
    CertificateOfEligibilityByEmail = 8,
}

/// <summary>
/// A procedure in the catalogue: what the applicant sees in the list and on the explanation page,
/// and what decides how its cases are handled. Administrators maintain the texts and periods.
/// </summary>
public sealed class Procedure
{
    public int Id { get; set; }

    public ProcedureKind Kind { get; set; }

    /// <summary>Short code used in URLs and form definitions, e.g. "extension-of-stay".</summary>
    public string Code { get; set; } = "";

    /// <summary>Null for procedures that are not submitted as cases (the e-COE receipt registration).</summary>
    public Workflow? Workflow { get; set; }

    /// <summary>The request for use an applicant needs approved first, if any.</summary>
    public ProcedureKind? RequiresUsageRequest { get; set; }

    /// <summary>Letter in the reception number (DOMAIN §9), e.g. "E" for extension of stay.</summary>
    public string NumberCategory { get; set; } = "";

    public DateTime ReceptionStartsAt { get; set; }

    /// <summary>Null means "At Any Time".</summary>
    public DateTime? ReceptionEndsAt { get; set; }

    public bool CanBeFavourite { get; set; } = true;

    /// <summary>Working days an examiner has for a case of this procedure (amber / red markers later).</summary>
    public int DeadlineWorkingDays { get; set; }

    public int FormVersion { get; set; } = 1;

    public int SortOrder { get; set; }

    public List<ProcedureText> Texts { get; set; } = [];

    public bool IsOpenAt(DateTime now) => now >= ReceptionStartsAt && (ReceptionEndsAt is null || now < ReceptionEndsAt);

    /// <summary>The text in <paramref name="culture"/>, falling back to English, then Japanese.</summary>
    public ProcedureText? TextFor(string culture) =>
        Texts.Find(t => t.Culture == culture) ?? Texts.Find(t => t.Culture == "en") ?? Texts.Find(t => t.Culture == "ja");
}

/// <summary>Per-language name, explanation, terms of use and contact information of a procedure.</summary>
public sealed class ProcedureText
{
    public int ProcedureId { get; set; }

    public string Culture { get; set; } = "";

    public string Name { get; set; } = "";

    public string Explanation { get; set; } = "";

    public string TermsOfUse { get; set; } = "";

    public string ContactInformation { get; set; } = "";
}

/// <summary>A procedure an applicant keeps on My Page (001 §6.6).</summary>
public sealed class Favourite
{
    public Guid ApplicantId { get; set; }

    public int ProcedureId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>"Search for synonyms" (001 §7.1): a keyword also matches its synonyms.</summary>
public sealed class SearchSynonym
{
    public int Id { get; set; }

    public string Term { get; set; } = "";

    public string Synonym { get; set; } = "";
}
