using System.Globalization;
using System.Text.RegularExpressions;
using Rasens.Data.Messaging;

namespace Rasens.Data.Tests.Messaging;

public sealed partial class MailerTests
{
    public static readonly string[] Cultures = ["ja", "en", "zh-Hans", "zh-Hant", "ko", "es", "vi", "tl"];

    [Fact]
    public void EveryTemplate_HasSubjectAndBodyInAllEightLanguagesWithTheSamePlaceholders()
    {
        var problems = new List<string>();
        foreach (var template in Mailer.Templates)
        {
            var english = Placeholders(Mailer.Text(template + ".Body", CultureInfo.GetCultureInfo("en")));
            foreach (var culture in Cultures)
            {
                var info = CultureInfo.GetCultureInfo(culture);
                var subject = Mailer.Text(template + ".Subject", info);
                var body = Mailer.Text(template + ".Body", info);
                if (culture != "en" && string.Equals(body, Mailer.Text(template + ".Body", CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal))
                {
                    problems.Add($"{template} [{culture}] falls back to English");
                }

                if (string.IsNullOrWhiteSpace(subject) || !english.SetEquals(Placeholders(body)))
                {
                    problems.Add($"{template} [{culture}] subject or placeholders differ");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex PlaceholderPattern();
}
