using Rasens.Testing;

namespace Rasens.Workbench.Tests;

/// <summary>
/// The Workbench as most tests want it: password-only sign-in, so a test signs a member of staff in with one
/// POST. Tests of the second factor use <see cref="WorkbenchWithTwoFactor{TDatabase}"/>.
/// </summary>
public abstract class WorkbenchFixture<TDatabase> : WebAppFixture<Program, TDatabase>
    where TDatabase : TestDatabase, new()
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["Workbench:RequireTwoFactor"] = "false" };
}

public sealed class WorkbenchOnSqlite : WorkbenchFixture<SqliteTestDatabase>;

public sealed class WorkbenchOnPostgres : WorkbenchFixture<PostgresTestDatabase>;

/// <summary>The Workbench with its configuration untouched, i.e. as shipped: two-factor sign-in required.</summary>
public abstract class WorkbenchWithTwoFactor<TDatabase> : WebAppFixture<Program, TDatabase>
    where TDatabase : TestDatabase, new();

public sealed class WorkbenchWithTwoFactorOnSqlite : WorkbenchWithTwoFactor<SqliteTestDatabase>;

public sealed class WorkbenchWithTwoFactorOnPostgres : WorkbenchWithTwoFactor<PostgresTestDatabase>;
