using Rasens.Testing;

namespace Rasens.Workbench.Tests;

public sealed class WorkbenchOnSqlite : WebAppFixture<Program, SqliteTestDatabase>;

public sealed class WorkbenchOnPostgres : WebAppFixture<Program, PostgresTestDatabase>;
