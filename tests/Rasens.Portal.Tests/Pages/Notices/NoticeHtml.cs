using System.Net;
using System.Text.RegularExpressions;

namespace Rasens.Portal.Tests.Pages.Notices;

/// <summary>What the notice pages' tests read from the HTML: the notices a page links to, and a notice's body.</summary>
public static partial class NoticeHtml
{
    /// <summary>The notices a page lists, in the order shown.</summary>
    public static List<int> LinkedIds(string html)
    {
        var list = NoticeList().Match(html);
        return list.Success
            ? [.. NoticeLink().Matches(list.Value).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))]
            : [];
    }

    /// <summary>The body as the reader sees it (entities decoded).</summary>
    public static string Body(string html) => WebUtility.HtmlDecode(NoticeBody().Match(html).Groups[1].Value);

    [GeneratedRegex("data-testid=\"notices\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex NoticeList();

    [GeneratedRegex("href=\"/Notices/(\\d+)\"")]
    private static partial Regex NoticeLink();

    [GeneratedRegex("data-testid=\"notice-body\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex NoticeBody();
}
