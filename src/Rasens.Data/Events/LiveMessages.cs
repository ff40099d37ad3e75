using System.Text.Json;

namespace Rasens.Data.Events;

/// <summary>
/// What a browser is sent about one event: only what its page needs, never more than its user may see.
/// <see cref="CaseId"/> finds the case on the page and links to it; <see cref="ReferenceNumber"/> names it to the
/// user (null only for events stored before it was carried).
/// </summary>
public sealed record LiveMessage(long Id, string Type, long? CaseId, string? ReferenceNumber, string? Status, string? Action, DateTime At)
{
    /// <summary>Staff pages only: who acted, who holds the case now, who held it before.</summary>
    public Guid? ActorId { get; init; }

    public string? ActorName { get; init; }

    public Guid? HolderId { get; init; }

    public string? HolderName { get; init; }

    public Guid? PreviousHolderId { get; init; }
}

/// <summary>Turns stored events into the messages each app's clients receive.</summary>
public static class LiveMessages
{
    /// <summary>The events an applicant's Portal pages hear about: their own cases' submission and status changes.</summary>
    public static bool ForApplicant(LiveEvent e, Guid applicantId) =>
        e.ApplicantId == applicantId && e.Type is "case.submitted" or "case.status-changed";

    public static LiveMessage ToApplicant(LiveEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var json = JsonDocument.Parse(e.Payload);
        var root = json.RootElement;
        var reference = Text(root, "referenceNumber");
        return e.Type == "case.submitted"
            ? new LiveMessage(e.Id, e.Type, e.ApplicationId, reference, "Pending", "Submit", e.CreatedAt)
            : new LiveMessage(e.Id, e.Type, e.ApplicationId, reference, Text(root, "to"), Text(root, "action"), e.CreatedAt);
    }

    public static LiveMessage ToStaff(LiveEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var json = JsonDocument.Parse(e.Payload);
        var root = json.RootElement;
        var message = new LiveMessage(e.Id, e.Type, e.ApplicationId, Text(root, "referenceNumber"), Text(root, "to"), Text(root, "action"), e.CreatedAt);
        return e.Type switch
        {
            "case.status-changed" => message with { ActorId = Id(root, "actorId"), ActorName = Text(root, "actorName") },
            "case.claimed" => message with { ActorId = Id(root, "staffId"), ActorName = Text(root, "staffName"), HolderId = Id(root, "staffId"), HolderName = Text(root, "staffName") },
            "case.released" => message with { ActorId = Id(root, "releasedById"), ActorName = Text(root, "releasedByName"), PreviousHolderId = Id(root, "previousHolderId") },
            "case.assigned" => message with
            {
                ActorId = Id(root, "assignedById"), ActorName = Text(root, "assignedByName"), HolderId = Id(root, "staffId"), HolderName = Text(root, "staffName"),
                PreviousHolderId = Id(root, "previousHolderId"),
            },
            "case.note-added" => message with { ActorId = Id(root, "authorId"), ActorName = Text(root, "authorName") },
            _ => message,
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Guid? Id(JsonElement root, string name) =>
        Text(root, name) is { } text && Guid.TryParse(text, out var id) ? id : null;
}
