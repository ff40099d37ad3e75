namespace Rasens.Data.Hosting;

/// <summary>The resolved data folder, proven writable before the app uses it.</summary>
public sealed class DataFolder
{
    public DataFolder(string path)
    {
        Root = Path.GetFullPath(path);
    }

    public string Root { get; }

    public string Mail => Path.Combine(Root, "mail");

    public string Files => Path.Combine(Root, "files");

    public string Keys(string appName) => Path.Combine(Root, "keys", appName);

    /// <summary>Creates the folder if needed and proves it can be written, or explains why not.</summary>
    public void EnsureWritable()
    {
        var probe = Path.Combine(Root, $".write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(Root);
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"The data folder '{Root}' is not writable ({ex.Message}). Set Rasens:DataFolder to a folder this user can write.", ex);
        }
    }
}
