using Rasens.Testing;

namespace Rasens.Portal.Tests;

public sealed class PortalOnSqlite : WebAppFixture<Program, SqliteTestDatabase>;

public sealed class PortalOnPostgres : WebAppFixture<Program, PostgresTestDatabase>;
