namespace Rasens.Workbench;

/// <summary>The "Workbench" configuration section (README, Configuration).</summary>
public sealed record WorkbenchOptions
{
    /// <summary>Staff sessions end after this much inactivity.</summary>
    public int IdleTimeoutMinutes { get; init; } = 30;

    /// <summary>
    /// After the password, staff also enter a code from an authenticator app (set up at their first sign-in).
    /// On unless configured off, as the ./run.sh demo does.
    /// </summary>
    public bool RequireTwoFactor { get; init; } = true;
}
