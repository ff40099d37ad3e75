using System.Xml.Linq;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Localization;

/// <summary>One key in all eight languages or none: a missing or empty translation fails the build's tests.</summary>
public sealed class ResourceCompletenessTests
{
    public static readonly string[] Languages = ["", "ja", "zh-Hans", "zh-Hant", "ko", "es", "vi", "tl"];

    [Fact]
    public void Portal_EveryKeyIsTranslatedInAllEightLanguages() => AssertComplete("Rasens.Portal", Languages);

    [Fact]
    public void Workbench_EveryKeyIsInJapaneseAndEnglish() => AssertComplete("Rasens.Workbench", ["", "ja"]);

    [Fact]
    public void Portal_PagesUseOnlyKeysThatExist()
    {
        var keys = Load(Path.Combine(Repository.Root, "src", "Rasens.Portal", "Resources", "SharedResource.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        var pages = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Rasens.Portal", "Pages"), "*.cshtml", SearchOption.AllDirectories);
        var missing = new List<string>();
        foreach (var page in pages)
        {
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(page), "T\\[\"([A-Za-z0-9_]+)\"\\]"))
            {
                if (!keys.Contains(match.Groups[1].Value))
                {
                    missing.Add($"{Path.GetFileName(page)}: {match.Groups[1].Value}");
                }
            }
        }

        Assert.Empty(missing);
    }

    private static void AssertComplete(string project, string[] languages)
    {
        var folder = Path.Combine(Repository.Root, "src", project, "Resources");
        var files = languages.ToDictionary(l => l, l => Load(Path.Combine(folder, $"SharedResource{(l.Length == 0 ? "" : "." + l)}.resx")), StringComparer.Ordinal);
        var allKeys = files.Values.SelectMany(f => f.Keys).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (language, entries) in files)
        {
            problems.AddRange(allKeys.Where(k => !entries.ContainsKey(k)).Select(k => $"{project} [{(language.Length == 0 ? "neutral/en" : language)}] missing {k}"));
            problems.AddRange(entries.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{project} [{language}] empty {e.Key}"));
        }

        Assert.True(allKeys.Count > 10);
        Assert.Empty(problems);
    }

    private static Dictionary<string, string> Load(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
}
