namespace Rasens.Data;

/// <summary>An expected refusal: a stable code for tests and logs and a message key for people.</summary>
/// <remarks><see cref="Message"/> is English and safe to show; pages translate through <see cref="Code"/>.</remarks>
public sealed record Error(string Code, string Message);

/// <summary>The outcome of a rule: success, or the <see cref="Error"/> that explains the refusal.</summary>
public readonly record struct Result(Error? Error)
{
    public static Result Ok { get; } = new(Error: null);

    public bool Succeeded => Error is null;

    public static Result Fail(Error error) => new(error);

    public static implicit operator Result(Error error) => new(error);
}

/// <summary>An outcome that carries a value when it succeeds.</summary>
public readonly record struct Result<T>(T? Value, Error? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator Result<T>(Error error) => new(default, error);

    public static Result<T> Success(T value) => new(value, null);
}
