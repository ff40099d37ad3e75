using System.Globalization;

namespace Rasens.Data;

/// <summary>
/// Everything is stored in UTC; people see Japan Standard Time (the manuals' "Current as of …" and
/// reception times are JST). Japan has no daylight saving, so the offset is fixed.
/// </summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    /// <summary>e.g. 2026/11/22 11:10 (JST).</summary>
    public static string Format(DateTime utc) => FromUtc(utc).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture) + " (JST)";

    public static string FormatDate(DateTime utc) => FromUtc(utc).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
}
