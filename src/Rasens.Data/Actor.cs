namespace Rasens.Data;

/// <summary>What someone acting on a case is allowed to be. Numbers are stored; never renumber.</summary>
public enum ActorRole
{
    Applicant = 1,
    Examiner = 2,
    Supervisor = 3,
    Administrator = 4,
    System = 5,

    /// <summary>Someone not (yet) signed in, e.g. a failed sign-in attempt.</summary>
    Anonymous = 6,
}

/// <summary>Who does something: recorded on every status change and audit entry.</summary>
public sealed record Actor(ActorRole Role, Guid Id, string Name)
{
    public static Actor System { get; } = new(ActorRole.System, Guid.Empty, "system");

    public bool IsStaff => Role is ActorRole.Examiner or ActorRole.Supervisor or ActorRole.Administrator;
}
