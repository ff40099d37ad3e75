namespace Rasens.Portal.Infrastructure;

/// <summary>
/// How large an entry page's POST may be: the form plus files chosen in one go. Above the 25 MB the rules
/// allow, so an oversized choice reaches the page and is refused with a sentence naming the file, rather than
/// by the server with a bare 413.
/// </summary>
public static class EntryLimits
{
    public const long RequestBytes = 64L * 1024 * 1024;
}
