namespace Rasens.Data.Events;

/// <summary>A domain event as stored: ordered by <see cref="Id"/>, read by each app's dispatcher.</summary>
public sealed class OutboxEvent
{
    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Type { get; set; } = "";

    public long? ApplicationId { get; set; }

    /// <summary>Set when the event is raised with a case not yet inserted; EF fills <see cref="ApplicationId"/>.</summary>
    public Applications.Application? Application { get; set; }

    /// <summary>Routing: the applicant whose Portal group may receive it.</summary>
    public Guid? ApplicantId { get; set; }

    /// <summary>Routing: the office whose Workbench queues it touches.</summary>
    public int? OfficeId { get; set; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; set; } = "{}";
}

/// <summary>How far one consumer (an app instance's dispatcher) has read the event outbox.</summary>
public sealed class EventCursor
{
    public string Consumer { get; set; } = "";

    public long LastEventId { get; set; }

    public DateTime UpdatedAt { get; set; }
}
