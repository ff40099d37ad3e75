namespace Rasens.Data.Procedures;

/// <summary>Classification of a notification concerning the institution or spouse (001 §4.2.1).</summary>
public enum NotificationClassification
{
    ActivityOrganization = 1,
    ContractingOrganization = 2,
    Spouse = 3,
}

/// <summary>A status of residence; those with a classification can notify (the notification matrix).</summary>
public sealed class StatusOfResidence
{
    public string Code { get; set; } = "";

    public string NameJa { get; set; } = "";

    public string NameEn { get; set; } = "";

    public NotificationClassification? NotificationClassification { get; set; }

    /// <summary>The matrix's footnote for this status (contracts only / spouse basis only), if any.</summary>
    public string? NotificationCondition { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>The contents a classification allows (the matrix's third column).</summary>
public sealed class NotificationContent
{
    public string Code { get; set; } = "";

    public NotificationClassification Classification { get; set; }

    public string NameJa { get; set; } = "";

    public string NameEn { get; set; } = "";

    public int SortOrder { get; set; }
}

/// <summary>A regional immigration bureau or district office that receives cases.</summary>
public sealed class RegionalOffice
{
    public int Id { get; set; }

    public string Code { get; set; } = "";

    public string NameJa { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>The office's character at the start of its numbers, e.g. 東 for Tokyo (DOMAIN §9).</summary>
    public string NumberPrefix { get; set; } = "";

    public int SortOrder { get; set; }
}
