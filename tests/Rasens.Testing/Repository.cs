namespace Rasens.Testing;

/// <summary>The checkout the tests run from, for tests that read the sources themselves (resources, form definitions).</summary>
public static class Repository
{
    /// <summary>The folder holding Rasens.sln, found upwards from the test's output folder.</summary>
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Rasens.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("Rasens.sln not found above the test folder.");
        }
    }
}
