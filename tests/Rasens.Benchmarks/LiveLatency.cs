using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Events;
using Rasens.Data.Hosting;
using Rasens.Testing;

namespace Rasens.Benchmarks;

/// <summary>
/// Commit-to-browser latency (issue 6): N status changes made through the running Workbench, each timestamped
/// by the event the change commits with, and their arrival at K clients of the running Portal (the SignalR .NET
/// client over WebSockets, JSON protocol, as the browsers connect). Reports p50 / p95 / max and counts lost and duplicated events.
/// </summary>
public static partial class LiveLatency
{
    private const string Password = "Bench-Pass-2026";

    public static async Task<string> RunAsync(DatabaseSettings database, Uri portal, Uri workbench, int changes, int clients, TextWriter log)
    {
        var (applicant, examiner, cases) = await SeedAsync(database, changes);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {cases.Count} cases; connecting {clients} clients"));
        var portalCookie = await SignInAsync(portal, "/Account/Login", new() { ["Input.UserName"] = applicant.UserName!, ["Input.Password"] = Password });
        var workbenchCookie = await SignInAsync(workbench, "/Account/SignIn", new() { ["Input.UserName"] = examiner.UserName!, ["Input.Password"] = Password });

        long since;
        await using (var db = Context(database))
        {
            since = await new EventFeed(db).LatestIdAsync();
        }

        var arrivals = new ConcurrentBag<(int Client, long Id, DateTimeOffset Sent, DateTimeOffset Arrived)>();
        var connections = new List<HubConnection>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                var client = LiveHub.Connection(new Uri(portal, "/hubs/portal"), portalCookie);
                var index = i;
                client.On<JsonElement>("events", batch =>
                {
                    var at = DateTimeOffset.UtcNow;
                    foreach (var message in batch.EnumerateArray())
                    {
                        if (message.GetProperty("type").GetString() == "case.status-changed")
                        {
                            arrivals.Add((index, message.GetProperty("id").GetInt64(), Utc(message.GetProperty("at").GetDateTime()), at));
                        }
                    }
                });
                await client.StartAsync();
                connections.Add(client);
                if (!await client.InvokeAsync<bool>("Replay", since))
                {
                    throw new BenchmarkException("The Portal refused to replay from the newest event.");
                }
            }

            using var staff = Browser(workbench, workbenchCookie);
            var started = DateTimeOffset.UtcNow;
            foreach (var id in cases)
            {
                await ActAsync(staff, id, "Claim");
                await ActAsync(staff, id, "Receive"); // the status change the applicant's pages hear of
            }

            var made = DateTimeOffset.UtcNow;
            var expected = (long)changes * clients;
            for (var wait = 0; wait < 300 && arrivals.Count < expected; wait++)
            {
                await Task.Delay(100);
            }

            return Report(database.Provider, changes, clients, [.. arrivals], made - started);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static string Report(DatabaseProvider provider, int changes, int clients, IReadOnlyList<(int Client, long Id, DateTimeOffset Sent, DateTimeOffset Arrived)> arrivals, TimeSpan making)
    {
        var distinct = arrivals.DistinctBy(a => (a.Client, a.Id)).ToList();
        var duplicates = arrivals.Count - distinct.Count;
        var lost = ((long)changes * clients) - distinct.Count;
        var latencies = distinct.Select(a => (a.Arrived - a.Sent).TotalMilliseconds).Order().ToArray();
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        var target = provider == DatabaseProvider.PostgreSql ? 250 : 1000;
        var pass = latencies.Length > 0 && P(0.95) < target && lost == 0 && duplicates == 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {clients} | {changes} | {P(0.50):0.0} | {P(0.95):0.0} | {latencies.DefaultIfEmpty(double.NaN).Max():0.0} | {lost} | {duplicates} | {changes / Math.Max(making.TotalSeconds, 0.001):0.0} | p95 < {target} ms: {(pass ? "PASS" : "FAIL")} |");
    }

    private static async Task<(ApplicantUser Applicant, StaffUser Examiner, IReadOnlyList<long> Cases)> SeedAsync(DatabaseSettings database, int changes)
    {
        var applicant = A.Applicant().WithPassword(Password).Build();
        var examiner = A.Staff().WithPassword(Password).Build();
        await using var db = Context(database);
        db.AddRange(applicant, examiner);
        await db.SaveChangesAsync();
        var cases = Enumerable.Range(0, changes).Select(_ => A.Case(applicant).Build()).ToList();
        db.Applications.AddRange(cases);
        await db.SaveChangesAsync();
        return (applicant, examiner, [.. cases.Select(c => c.Id)]);
    }

    private static RasensDbContext Context(DatabaseSettings database)
    {
        var options = new DbContextOptionsBuilder<RasensDbContext>();
        RasensDataRegistration.Configure(options, database);
        return new RasensDbContext(options.Options);
    }

    private static async Task<string> SignInAsync(Uri app, string path, Dictionary<string, string> fields)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app };
        fields["__RequestVerificationToken"] = Token(await http.GetStringAsync(path));
        using var form = new FormUrlEncodedContent(fields);
        var response = await http.PostAsync(path, form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchmarkException($"Signing in at {app}{path} failed ({(int)response.StatusCode}).");
        }

        return cookies.GetCookieHeader(app);
    }

    private static HttpClient Browser(Uri app, string cookie)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app };
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }

    /// <summary>Posts a case page action with the page's own token and version, as the browser does.</summary>
    private static async Task ActAsync(HttpClient staff, long id, string handler)
    {
        var page = await staff.GetStringAsync($"/Cases/{id}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["Version"] = VersionPattern().Match(page).Groups[1].Value,
        });
        var response = await staff.PostAsync($"/Cases/{id}?handler={handler}", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchmarkException($"{handler} on case {id} was refused ({(int)response.StatusCode}).");
        }
    }

    /// <summary>The event's time is UTC; read back from SQLite it carries no zone, which must not mean local time.</summary>
    private static DateTimeOffset Utc(DateTime at) =>
        new(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime());

    private static string Token(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new BenchmarkException("No antiforgery token on the page."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionPattern();
}
