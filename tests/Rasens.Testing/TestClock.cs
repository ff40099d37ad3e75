namespace Rasens.Testing;

/// <summary>A clock tests move by hand (lockouts, link expiry, reminders).</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    // Whole milliseconds: PostgreSQL keeps microseconds, .NET ticks are 100 ns; times must round-trip exactly.
    private DateTimeOffset _now = new(start.Ticks - (start.Ticks % TimeSpan.TicksPerMillisecond), start.Offset);

    public TestClock()
        : this(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTime UtcNow => _now.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
