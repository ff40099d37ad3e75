namespace Rasens.Data.Accounts;

/// <summary>
/// Refuses passwords built on the words people pick first. The policy already forces four kinds of
/// character, so common passwords arrive decorated ("Password123!", "P@ssw0rd2026"): the check undoes
/// the usual letter-for-symbol swaps and strips digits and symbols before comparing the word.
/// </summary>
public static class CommonPasswords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "password", "passwort", "passw", "pass", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm", "qazwsx", "letmein",
        "welcome", "admin", "administrator", "root", "user", "login", "iloveyou", "loveyou", "love", "monkey", "dragon",
        "master", "sunshine", "princess", "football", "baseball", "soccer", "superman", "batman", "shadow", "michael",
        "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "aaaaaa", "trustno", "whatever", "freedom", "hello",
        "secret", "changeme", "default", "guest", "test", "testing", "summer", "winter", "spring", "autumn", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "tokyo", "japan", "nippon", "osaka", "sakura", "pokemon", "naruto", "doraemon", "ninja", "samurai", "rasens",
        "immigration", "visa", "residence", "starwars", "computer", "internet", "google", "microsoft", "apple", "samsung",
        "charlie", "jordan", "hunter", "ranger", "buster", "killer", "pepper", "ginger", "cookie", "cheese", "chocolate",
        "flower", "angel", "jesus", "christ", "mustang", "harley", "maggie", "jennifer", "thomas", "robert", "daniel",
        "access", "matrix", "mypass", "mypassword", "newpass", "newpassword", "temp", "temporary", "service", "support",
    };

    private static readonly string[] Runs = ["abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc"];

    /// <summary>
    /// True when most of the password's letters are a common word (plain, or with the usual symbol-for-letter
    /// swaps undone) or a run along the keyboard or the alphabet. Digits and symbols at the ends are
    /// decoration and do not count.
    /// </summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.AsSpan().Trim("0123456789$%&=@_#*+-?!".AsSpan());
        foreach (var candidate in new[] { LettersOf(lower, undoSwaps: false), LettersOf(core.ToString(), undoSwaps: true) })
        {
            if (candidate.Length == 0)
            {
                continue;
            }

            if (Words.Any(word => word.Length >= 4 && Dominates(word.Length, candidate.Length) && candidate.Contains(word, StringComparison.Ordinal)))
            {
                return true;
            }

            for (var length = candidate.Length; length >= 5 && Dominates(length, candidate.Length); length--)
            {
                for (var start = 0; start + length <= candidate.Length; start++)
                {
                    var window = candidate.Substring(start, length);
                    if (Runs.Any(run => run.Contains(window, StringComparison.Ordinal)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // A common part of at least 60% of the letters makes the whole guessable.
    private static bool Dominates(int part, int whole) => part * 10 >= whole * 6;

    private static string LettersOf(string text, bool undoSwaps)
    {
        Span<char> letters = stackalloc char[text.Length];
        var length = 0;
        foreach (var raw in text)
        {
            var c = !undoSwaps ? raw : raw switch
            {
                '@' or '4' => 'a',
                '3' => 'e',
                '1' or '!' => 'i',
                '0' => 'o',
                '$' or '5' => 's',
                '7' => 't',
                var other => other,
            };
            if (c is >= 'a' and <= 'z')
            {
                letters[length++] = c;
            }
        }

        return new string(letters[..length]);
    }
}
