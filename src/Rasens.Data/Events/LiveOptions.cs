namespace Rasens.Data.Events;

/// <summary>Settings under "Rasens:Live": how each app's dispatcher reads the event outbox and how long events are kept.</summary>
public sealed class LiveOptions
{
    /// <summary>How often the outbox is read on SQLite, and the safety net under PostgreSQL's LISTEN/NOTIFY.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>On PostgreSQL the outbox is read at every notification, and at least this often.</summary>
    public TimeSpan NotifySafetyInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events older than this are deleted; it is also how far back a reconnecting client can catch up.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A client that missed more than this many events refreshes its page instead of replaying them.</summary>
    public int MaxReplay { get; set; } = 1000;

    /// <summary>
    /// This instance's name for its dispatch position (<see cref="EventCursor"/>). Give each instance its own when
    /// several run on one machine; the default is the app and the machine.
    /// </summary>
    public string? InstanceName { get; set; }
}
