using Microsoft.Playwright;
using Rasens.Data.Accounts;
using Rasens.Data.Hosting;
using Rasens.Testing;

namespace Rasens.E2E;

/// <summary>
/// Both apps as real processes over one SQLite file under a data folder of their own, and Debian's
/// Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class BothApps : IAsyncLifetime
{
    public const string StaffPassword = "Staff-Pass-2026";
    public const string ApplicantPassword = "Correct-Horse9";

    private IPlaywright? _playwright;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "rasens-e2e", Guid.NewGuid().ToString("N"));

    public StaffUser Examiner { get; } = A.Staff(StaffRole.Examiner).WithPassword(StaffPassword).Build();

    public StaffUser Supervisor { get; } = A.Staff(StaffRole.Supervisor).WithPassword(StaffPassword).Build();

    /// <summary>
    /// The apps here run as configured by default, so staff sign in with a code as well: these two have an
    /// authenticator set up already (sign in with <see cref="StaffSignIn.SignInStaffAsync"/>).
    /// </summary>
    public string ExaminerAuthenticatorKey { get; } = Totp.NewKey();

    public string SupervisorAuthenticatorKey { get; } = Totp.NewKey();

    public ApplicantUser Applicant { get; } = A.Applicant().WithPassword(ApplicantPassword).Build();

    public AppProcess Workbench { get; private set; } = null!;

    public AppProcess Portal { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(AppProcess.RepositoryRoot(), "TestResults", "screenshots");

    private string[] _settings = [];

    /// <summary>
    /// Another Portal process on the same database (as a second instance behind a load balancer would be), with a
    /// name of its own for its dispatch position.
    /// </summary>
    public Task<AppProcess> StartPortalAsync(int port, string instanceName) =>
        AppProcess.StartAsync("Rasens.Portal", port, [.. _settings, "--Rasens:Live:InstanceName", instanceName]);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        var settings = new[] { "--Rasens:DataFolder", DataFolder, "--Database:Provider", "Sqlite" };
        var migrate = await AppProcess.RunToExitAsync("Rasens.Workbench", [.. settings, "migrate"]);
        Assert.True(migrate.ExitCode == 0, migrate.StdErr + migrate.StdOut);

        await using (var db = CreateContext())
        {
            db.AddRange(Examiner, Supervisor, Applicant);
            // Written where Identity keeps authenticator keys (its store's AuthenticatorKey token), two-factor on.
            db.AddRange(A.AuthenticatorFor(Examiner, ExaminerAuthenticatorKey), A.AuthenticatorFor(Supervisor, SupervisorAuthenticatorKey));
            await db.SaveChangesAsync();
            // The applicant's requests for use (notifications, residence applications) have been approved by the office.
            foreach (var usage in new[] { Rasens.Data.Procedures.ProcedureKind.UsageRequestNotifications, Rasens.Data.Procedures.ProcedureKind.UsageRequestResidence })
            {
                db.Add(A.Case(Applicant).Notification().ForProcedure(usage).InStatus(Rasens.Data.Applications.ApplicationStatus.Completed).HeldBy(Examiner).Build());
            }

            await db.SaveChangesAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // E-mails go through the throwaway SMTP server of ./test.sh; links in them point at this Portal.
        var portalPort = AppProcess.FreePort();
        var smtp = (Environment.GetEnvironmentVariable("RASENS_TEST_SMTP") ?? throw new InvalidOperationException("Set RASENS_TEST_SMTP (run ./test.sh).")).Split(':');
        string[] mail = ["--Email:SmtpHost", smtp[0], "--Email:SmtpPort", smtp[1], "--Email:PollInterval", "00:00:00.300", "--Rasens:PortalUrl", $"http://127.0.0.1:{portalPort}",
            // Every browser here shares one address; the per-address limit has its own test (RateLimitTests).
            "--RateLimiting:SignInPermitPerMinute", "100000"];
        _settings = [.. settings, .. mail];
        var started = await Task.WhenAll(
            AppProcess.StartAsync("Rasens.Workbench", _settings),
            AppProcess.StartAsync("Rasens.Portal", portalPort, _settings));
        (Workbench, Portal) = (started[0], started[1]);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>The apps' own database, for what a test needs to exist before it starts (a case of the applicant's).</summary>
    public Rasens.Data.RasensDbContext CreateContext()
    {
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(DataFolder, "rasens.db")}");
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Rasens.Data.RasensDbContext>();
        RasensDataRegistration.Configure(options, database);
        return new Rasens.Data.RasensDbContext(options.Options);
    }

    public async Task SeedAsync(params object[] entities)
    {
        await using var db = CreateContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Workbench is not null)
        {
            await Workbench.DisposeAsync();
        }

        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS
        }
    }
}

/// <summary>
/// One pair of running apps and one browser for every end-to-end class (starting them per class cost more
/// than the tests). Tests keep out of each other's way with their own accounts and addresses.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BothAppsCollection : ICollectionFixture<BothApps>
{
    public const string Name = "Both apps running";
}
