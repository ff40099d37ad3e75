using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Rasens.Data;
using Rasens.Data.Hosting;

namespace Rasens.Benchmarks;

/// <summary>The app's own context on the benchmark database, configured exactly as the Workbench configures it.</summary>
internal static class BenchDatabase
{
    public static RasensDbContext Context(DatabaseSettings database, params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<RasensDbContext>();
        RasensDataRegistration.Configure(builder, database);
        builder.AddInterceptors(interceptors);
        var db = new RasensDbContext(builder.Options);
        // Bulk steps (ANALYZE, VACUUM, counting a million rows) take longer than a request's timeout.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        return db;
    }

    /// <summary>A service provider holding just the context, for the singletons that open their own scopes (OverdueCount).</summary>
    public static ServiceProvider Services(DatabaseSettings database, params IInterceptor[] interceptors)
    {
        var services = new ServiceCollection();
        services.AddDbContext<RasensDbContext>(builder =>
        {
            RasensDataRegistration.Configure(builder, database);
            builder.AddInterceptors(interceptors);
        });
        return services.BuildServiceProvider();
    }
}
