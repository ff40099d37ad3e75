using Microsoft.Extensions.Configuration;

namespace Rasens.Data.Hosting;

public enum DatabaseProvider
{
    Sqlite = 1,
    PostgreSql = 2,
}

/// <summary>Settings under "Rasens" plus the database choice. Bound once at start-up.</summary>
public sealed class RasensOptions
{
    /// <summary>Where the SQLite file, e-mail pickup folder, uploads and keys live. Default "./data".</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Apply pending schema scripts when the app starts (run.sh also runs them beforehand).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed demo staff, applicants and a few hundred cases on the first start (run.sh only).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>The Portal's public address, for links in e-mails (never taken from a request's Host header).</summary>
    public string PortalUrl { get; set; } = "http://127.0.0.1:5090";

    /// <summary>The office that receives requests for use (they are national; Tokyo by default).</summary>
    public int UsageRequestOfficeId { get; set; } = 3;

    public string PortalLink(string pathAndQuery) => PortalUrl.TrimEnd('/') + pathAndQuery;
}

/// <summary>The database section: provider and connection string, validated before anything else runs.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(Microsoft.Extensions.Configuration.IConfiguration configuration, string dataFolder)
    {
        var providerText = configuration["Database:Provider"];
        var provider = providerText?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
            _ => throw new StartupException(
                $"Database:Provider '{providerText}' is not supported. Use 'Sqlite' (the default) or 'PostgreSQL'."),
        };
        var connectionString = configuration.GetConnectionString("Rasens");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(dataFolder, "rasens.db")}"
                : throw new StartupException("ConnectionStrings:Rasens is required when Database:Provider is PostgreSQL.");
        }

        return new DatabaseSettings(provider, connectionString);
    }
}

/// <summary>A configuration or environment problem that stops start-up with one clear sentence.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
