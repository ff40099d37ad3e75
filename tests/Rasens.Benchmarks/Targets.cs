using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Hosting;
using Rasens.Data.Procedures;

namespace Rasens.Benchmarks;

/// <summary>A page to measure: the Workbench path, the request CaseQueues gets for it, and how many rows it shows.</summary>
internal sealed record Target(string Name, string Path, QueueRequest Request, int Rows);

/// <summary>
/// The four pages of issue 5's performance requirement, found in the seeded data: the New queue's first page, its
/// page 1,000 (the cursor walked there page by page through CaseQueues, exactly as the Next links go), the New queue
/// narrowed by procedure and office, and a search by an existing reception number.
/// </summary>
internal static class Targets
{
    public const int PageSize = 20;
    public const int FarPage = 1_000;
    private const int FilterProcedure = (int)ProcedureKind.ExtensionOfPeriodOfStay;
    private const int FilterOffice = 3; // Tokyo

    public static async Task<IReadOnlyList<Target>> FindAsync(DatabaseSettings database)
    {
        await using var db = BenchDatabase.Context(database);
        var me = (await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(s => s.UserName == Seeder.ExaminerUserName)
                  ?? throw new BenchmarkException("No benchmark examiner: seed the database first.")).Id;
        var queues = new CaseQueues(db, TimeProvider.System);

        var newQueue = new QueueRequest(QueueKind.New, new QueueFilter(), QueueSort.Received, me, PageSize);
        var first = await queues.PageAsync(newQueue);
        var page = first;
        for (var n = 2; n <= FarPage; n++)
        {
            if (page.Next is null)
            {
                throw new BenchmarkException($"The New queue ends at page {n - 1}; seed more cases (page {FarPage:N0} is measured).");
            }

            var cursor = page.Next;
            page = await queues.PageAsync(newQueue with { After = cursor });
            if (n == FarPage)
            {
                newQueue = newQueue with { After = cursor };
            }
        }

        // The walk and an OFFSET count must agree on where page 1,000 starts.
        var offset = await db.Applications.AsNoTracking().Where(a => a.Stage == CaseStage.Active && a.AssigneeId == null)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Skip((FarPage - 1) * PageSize).Select(a => a.Id).FirstAsync();
        if (page.Rows.Count != PageSize || page.Rows[0].Id != offset)
        {
            throw new BenchmarkException($"Page {FarPage:N0} starts at case {(page.Rows.Count > 0 ? page.Rows[0].Id : 0)} by its cursor but at case {offset} by position.");
        }

        var filter = new QueueFilter { ProcedureId = FilterProcedure, OfficeId = FilterOffice };
        var filtered = new QueueRequest(QueueKind.New, filter, QueueSort.Received, me, PageSize);
        var filteredPage = await queues.PageAsync(filtered);

        // A reception number from the middle of the table (neither the oldest nor the newest cases).
        var count = await db.Applications.LongCountAsync();
        var number = await db.Applications.AsNoTracking().Where(a => a.Id >= count / 2 && a.ReceptionNumber != null)
            .OrderBy(a => a.Id).Select(a => a.ReceptionNumber!).FirstAsync();
        var search = new QueueRequest(QueueKind.All, new QueueFilter { Text = number }, QueueSort.Received, me, PageSize);
        var found = await queues.PageAsync(search);
        if (found.Rows.Count != 1)
        {
            throw new BenchmarkException($"Searching for {number} found {found.Rows.Count} cases, not 1.");
        }

        return
        [
            new("new-page-1", "/Queues/New", newQueue with { After = null }, first.Rows.Count),
            new("new-page-1000", "/Queues/New?After=" + newQueue.After, newQueue, page.Rows.Count),
            new("new-filtered", string.Create(CultureInfo.InvariantCulture, $"/Queues/New?Procedure={FilterProcedure}&Office={FilterOffice}"), filtered, filteredPage.Rows.Count),
            new("search-reception", "/Queues/All?Q=" + Uri.EscapeDataString(number), search, found.Rows.Count),
        ];
    }
}
