using System.Net;
using Rasens.Testing;

namespace Rasens.Portal.Tests;

/// <summary>/health as the shared shell maps it (src/Rasens.Web/RasensShell.cs), with the Portal's database on both engines.</summary>
public abstract class HealthTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task Health_DatabaseReachable_Returns200()
    {
        using var client = app.Browser();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class HealthTests_Sqlite(PortalOnSqlite app) : HealthTests<PortalOnSqlite>(app), IClassFixture<PortalOnSqlite>;

public sealed class HealthTests_Postgres(PortalOnPostgres app) : HealthTests<PortalOnPostgres>(app), IClassFixture<PortalOnPostgres>;
