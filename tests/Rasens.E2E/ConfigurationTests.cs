namespace Rasens.E2E;

/// <summary>Bad configuration stops start-up with one clear sentence and exit code 2, never a stack trace.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Rasens.Workbench")]
    [InlineData("Rasens.Portal")]
    public async Task Start_UnknownProvider_SaysWhichValuesAreAllowed(string app)
    {
        var (exit, _, stderr) = await AppProcess.RunToExitAsync(app, "--Database:Provider", "Oracle", "--Rasens:DataFolder", TempFolder(), "migrate");

        Assert.Equal(2, exit);
        AssertOneClearLine(stderr, "Database:Provider 'Oracle' is not supported. Use 'Sqlite' (the default) or 'PostgreSQL'.");
    }

    [Fact]
    public async Task Start_PostgreSqlUnreachable_NamesTheServer()
    {
        var port = AppProcess.FreePort();

        var (exit, _, stderr) = await AppProcess.RunToExitAsync(
            "Rasens.Workbench", "--Database:Provider", "PostgreSQL",
            "--ConnectionStrings:Rasens", $"Host=127.0.0.1;Port={port};Username=rasens;Timeout=3", "--Rasens:DataFolder", TempFolder(), "migrate");

        Assert.Equal(2, exit);
        AssertOneClearLine(stderr, $"Cannot use the PostgreSQL (127.0.0.1:{port}) database");
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_SaysSo()
    {
        var (exit, _, stderr) = await AppProcess.RunToExitAsync("Rasens.Portal", "--Database:Provider", "PostgreSQL", "--Rasens:DataFolder", TempFolder(), "migrate");

        Assert.Equal(2, exit);
        AssertOneClearLine(stderr, "ConnectionStrings:Rasens is required when Database:Provider is PostgreSQL.");
    }

    [Fact]
    public async Task Start_DataFolderNotWritable_NamesTheFolder()
    {
        // A folder inside a regular file can never be created, even by root.
        var file = Path.GetTempFileName();
        var folder = Path.Combine(file, "data");

        var (exit, _, stderr) = await AppProcess.RunToExitAsync("Rasens.Workbench", "--Rasens:DataFolder", folder, "migrate");

        Assert.Equal(2, exit);
        AssertOneClearLine(stderr, $"The data folder '{folder}' is not writable");
        File.Delete(file);
    }

    [Fact]
    public async Task Migrate_FreshDataFolder_CreatesTheDatabaseAndExits()
    {
        var folder = TempFolder();

        var (exit, stdout, stderr) = await AppProcess.RunToExitAsync("Rasens.Portal", "--Rasens:DataFolder", folder, "migrate");

        Assert.True(exit == 0, stderr);
        Assert.Contains("database is up to date", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "rasens.db")));
    }

    private static void AssertOneClearLine(string stderr, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"Expected one line on stderr, got:\n{stderr}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "rasens-config-tests", Guid.NewGuid().ToString("N"));
}
