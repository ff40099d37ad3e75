using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Hosting;
using Rasens.Data.Persistence;
using Rasens.Data.Seeding;

namespace Rasens.Benchmarks;

/// <summary>
/// Fills an empty database for the queue benchmark: the schema (SchemaMigrator, as the apps apply it), reference
/// data, 40 staff, 10,000 applicants and the cases; then the case counts rebuilt from the rows, the number sequences
/// moved past the seeded numbers, statistics gathered, and the result read back through EF and CaseQueues to prove
/// the bulk-written values are the ones the app writes and finds.
/// </summary>
internal sealed class Seeder(DatabaseSettings database, TextWriter output)
{
    /// <summary>The member of staff ./bench.sh signs in as (an examiner at Tokyo; two-factor is switched off for the run).</summary>
    public const string ExaminerUserName = "bench.examiner";

    public const string ExaminerPassword = "Staff-Pass-2026";

    private const int RandomSeed = 20261201;
    private const int ApplicantCount = 10_000;
    private const int BatchSize = 5_000;

    // Examiners and supervisors per office, in ReferenceData.Offices order (Tokyo, the busiest, has most); 2 administrators.
    private static readonly int[] ExaminersPerOffice = [2, 2, 7, 3, 3, 3, 2, 2, 2, 2, 2];
    private static readonly int[] SupervisorsPerOffice = [1, 1, 2, 1, 1, 1, 0, 0, 0, 1, 0];

    private readonly Stopwatch _step = new();

    public async Task RunAsync(int cases)
    {
        var total = Stopwatch.StartNew();
        // Cases age against the real clock: the Workbench's deadlines and Overdue queue use it too.
        var now = DateTime.UtcNow;

        Begin();
        await using (var db = BenchDatabase.Context(database))
        {
            await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance, TimeProvider.System).MigrateAsync();
            await ReferenceData.EnsureAsync(db);
            if (await db.Applications.AnyAsync() || await db.StaffUsers.AnyAsync())
            {
                throw new BenchmarkException("The database already has cases or staff; seed an empty one (bench.sh creates a fresh one each run).");
            }
        }

        End("schema and reference data");

        Begin();
        var holders = await StaffAsync(now);
        var applicants = CaseGenerator.Applicants(ApplicantCount, RandomSeed, now);
        await ApplicantsAsync(applicants, now);
        End($"{holders.Values.Sum(h => h.Length) + 2} staff and {applicants.Count:N0} applicants (EF)");

        Begin();
        var generator = new CaseGenerator(RandomSeed, now, applicants, holders);
        var samples = new Dictionary<long, CaseRow>();
        await using (var writer = await CaseWriter.OpenAsync(database))
        {
            await writer.BeginAsync();
            var channel = Channel.CreateBounded<CaseRow[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
            // Generating and writing overlap: one core makes cases while the other stores them.
            var producer = Task.Run(async () =>
            {
                try
                {
                    var batch = new List<CaseRow>(BatchSize);
                    long index = 0;
                    var every = Math.Max(1, cases / 10);
                    foreach (var row in generator.Generate(cases))
                    {
                        if (index++ % every == 0 || index == cases)
                        {
                            samples[index] = row; // id = index: identity values start at 1 in the empty table
                        }

                        batch.Add(row);
                        if (batch.Count == BatchSize)
                        {
                            await channel.Writer.WriteAsync([.. batch]);
                            batch.Clear();
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await channel.Writer.WriteAsync([.. batch]);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                    throw;
                }
            });
            long written = 0;
            await foreach (var batch in channel.Reader.ReadAllAsync())
            {
                writer.Write(batch);
                written += batch.Length;
                if (written % 200_000 < BatchSize)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {written,9:N0} cases  {_step.Elapsed.TotalSeconds,6:F1} s"));
                }
            }

            await producer;
            End($"{cases:N0} cases generated and loaded ({(database.Provider == DatabaseProvider.Sqlite ? "prepared INSERT" : "binary COPY")})");

            Begin();
            await writer.EndAsync();
            End($"{writer.Structures.Count} indexes / foreign keys of applications re-created");
        }

        Begin();
        await using (var db = BenchDatabase.Context(database))
        {
            await CountsAndSequencesAsync(db, generator);
            End("case_counts rebuilt (one GROUP BY), number_sequences set");

            Begin();
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE;");
                // A checkpoint folds the load's write-ahead log into the file, so readers do not search a huge WAL.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            else
            {
                // VACUUM sets the visibility map as autovacuum would soon after the load, so index-only scans work from the start.
                await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE);");
            }

            End(database.Provider == DatabaseProvider.Sqlite ? "ANALYZE, WAL checkpoint" : "VACUUM (ANALYZE)");
        }

        Begin();
        await VerifyAsync(cases, generator, samples);
        End("read back through EF and CaseQueues: values, counts, paging, search");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded in {total.Elapsed.TotalSeconds:F1} s: {cases:N0} cases, New queue {generator.NewQueue:N0}."));
        output.WriteLine($"Examiner for the benchmark: user name {ExaminerUserName}, password {ExaminerPassword}");
    }

    private void Begin() => _step.Restart();

    private void End(string what) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_step.Elapsed.TotalSeconds,7:F1} s  {what}"));

    /// <summary>Staff of every office; returns the examiners and supervisors of each office, who hold its cases.</summary>
    private async Task<Dictionary<int, Actor[]>> StaffAsync(DateTime now)
    {
        var faker = new Faker("en") { Random = new Randomizer(RandomSeed) };
        var hasher = new PasswordHasher<StaffUser>();
        // PBKDF2 is slow on purpose and its hash does not depend on the user: hash each password once.
        var known = hasher.HashPassword(new StaffUser(), ExaminerPassword);
        var unusable = hasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        var staff = new List<StaffUser>();
        var n = 0;
        StaffUser Add(string userName, StaffRole role, int officeId)
        {
            var user = new StaffUser
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(now.AddDays(-900).AddMinutes(++n))),
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                Email = $"{userName}@immi.example.test",
                NormalizedEmail = $"{userName}@immi.example.test".ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = $"{role} {DemoPayloads.Latin(faker.Name.LastName())} {DemoPayloads.Latin(faker.Name.FirstName())}",
                Role = role,
                OfficeId = officeId,
                CreatedAt = now.AddDays(-900),
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                PasswordHash = userName == ExaminerUserName ? known : unusable,
            };
            staff.Add(user);
            return user;
        }

        var holders = new Dictionary<int, Actor[]>();
        foreach (var office in ReferenceData.Offices.OrderBy(o => o.Id))
        {
            var i = office.Id - 1;
            var people = new List<StaffUser>();
            for (var e = 0; e < ExaminersPerOffice[i]; e++)
            {
                var name = office.Code == "TOKYO" && e == 0 ? ExaminerUserName : string.Create(CultureInfo.InvariantCulture, $"{office.Code.ToLowerInvariant()}.examiner{e + 1}");
                people.Add(Add(name, StaffRole.Examiner, office.Id));
            }

            for (var s = 0; s < SupervisorsPerOffice[i]; s++)
            {
                people.Add(Add(string.Create(CultureInfo.InvariantCulture, $"{office.Code.ToLowerInvariant()}.supervisor{s + 1}"), StaffRole.Supervisor, office.Id));
            }

            holders[office.Id] = [.. people.Select(p => p.ToActor())];
        }

        Add("admin1", StaffRole.Administrator, 3);
        Add("admin2", StaffRole.Administrator, 3);
        await using var db = BenchDatabase.Context(database);
        db.StaffUsers.AddRange(staff);
        await db.SaveChangesAsync();
        return holders;
    }

    private async Task ApplicantsAsync(IReadOnlyList<BenchApplicant> applicants, DateTime now)
    {
        var hash = new PasswordHasher<ApplicantUser>().HashPassword(new ApplicantUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        await using var db = BenchDatabase.Context(database);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var i = 0;
        foreach (var a in applicants)
        {
            var userName = string.Create(CultureInfo.InvariantCulture, $"AP{++i:D8}");
            db.ApplicantUsers.Add(new ApplicantUser
            {
                Id = a.Id,
                UserName = userName,
                NormalizedUserName = userName,
                Email = $"{userName.ToLowerInvariant()}@example.test",
                NormalizedEmail = $"{userName}@EXAMPLE.TEST",
                EmailConfirmed = true,
                NameEnglish = a.Name,
                DateOfBirth = a.Born,
                UserType = i % 10 == 0 ? ApplicantUserType.LegalRepresentative : ApplicantUserType.ForeignNational,
                PreferredCulture = i % 3 == 0 ? "en" : "ja",
                CreatedAt = now.AddDays(-800),
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                PasswordHash = hash,
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The counts table from the rows, exactly as schema script 0004 builds it, and each number scope's last value, so
    /// cases the Workbench or Portal create afterwards get the next numbers instead of colliding with seeded ones.
    /// </summary>
    private async Task CountsAndSequencesAsync(RasensDbContext db, CaseGenerator generator)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM case_counts;");
        await db.Database.ExecuteSqlRawAsync(database.Provider == DatabaseProvider.Sqlite
            ? "INSERT INTO case_counts (status, workflow, assignee_key, count) SELECT status, workflow, COALESCE(lower(assignee_id), ''), COUNT(*) FROM applications GROUP BY status, workflow, COALESCE(lower(assignee_id), '');"
            : "INSERT INTO case_counts (status, workflow, assignee_key, count) SELECT status, workflow, COALESCE(assignee_id::text, ''), COUNT(*) FROM applications GROUP BY status, workflow, COALESCE(assignee_id::text, '');");
        foreach (var (scope, last) in generator.Serials)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO number_sequences (scope, last_value) VALUES ({scope}, {last}) ON CONFLICT (scope) DO UPDATE SET last_value = excluded.last_value;");
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// Reads the load back the way the app does. Sampled rows come back through EF field for field and are found again
    /// by their instants, Guids and dates sent as query parameters (which fails if the stored text differs from what
    /// EF writes); the status tally, the New queue's count from case_counts and a direct count agree; paging and search work.
    /// </summary>
    private async Task VerifyAsync(int cases, CaseGenerator generator, Dictionary<long, CaseRow> samples)
    {
        await using var db = BenchDatabase.Context(database);
        Expect(await db.Applications.LongCountAsync() == cases, "the number of cases");
        Expect(await db.Applications.MinAsync(a => a.Id) == 1, "ids starting at 1");

        foreach (var (id, expected) in samples)
        {
            var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == id);
            var actual = CaseRow.Of(a, a.DueAt, a.Version);
            Expect(actual == expected, $"case {id} read back as written");
            var found = await db.Applications.CountAsync(x => x.SubmittedAt == expected.SubmittedAt && x.StatusChangedAt == expected.StatusChangedAt
                                                              && x.ApplicantId == expected.ApplicantId && x.SubmissionKey == expected.SubmissionKey
                                                              && x.DateOfBirth == expected.DateOfBirth && x.DueAt == expected.DueAt
                                                              && x.AssigneeId == expected.AssigneeId && x.Status == expected.Status && x.Stage == expected.Stage);
            Expect(found == 1, $"case {id} found by its instants, Guids and date as parameters");
        }

        var tally = await db.Applications.GroupBy(a => new { a.Status, Held = a.AssigneeId != null })
            .Select(g => new { g.Key.Status, g.Key.Held, Count = g.LongCount() }).ToListAsync();
        Expect(tally.Count == generator.Tally.Count && tally.All(t => generator.Tally.GetValueOrDefault((t.Status, t.Held)) == t.Count), "the status tally");

        await using var services = BenchDatabase.Services(database);
        using var overdue = new OverdueCount(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var queues = new CaseQueues(db, TimeProvider.System);
        var examiner = await db.StaffUsers.SingleAsync(s => s.UserName == ExaminerUserName);
        var counts = await queues.CountsAsync(examiner.Id, overdue);
        Expect(counts[QueueKind.New] == generator.NewQueue, "the New queue's count in case_counts");
        Expect(await db.Applications.LongCountAsync(a => a.Stage == CaseStage.Active && a.AssigneeId == null) == generator.NewQueue, "the New queue counted from the rows");
        Expect(counts[QueueKind.All] == cases, "the All count in case_counts");

        var first = await queues.PageAsync(new QueueRequest(QueueKind.New, new QueueFilter(), QueueSort.Received, examiner.Id));
        Expect(first.Rows.Count == 20 && first.Next is not null, "the New queue's first page");
        var second = await queues.PageAsync(new QueueRequest(QueueKind.New, new QueueFilter(), QueueSort.Received, examiner.Id) { After = first.Next });
        Expect(second.Rows.Count == 20 && second.Rows[0].SubmittedAt >= first.Rows[^1].SubmittedAt && second.Rows[0].Id != first.Rows[^1].Id, "the New queue's second page (cursor)");

        var number = await db.Applications.Where(a => a.ReceptionNumber != null).OrderBy(a => a.Id).Select(a => a.ReceptionNumber).FirstOrDefaultAsync();
        if (number is not null)
        {
            var search = await queues.PageAsync(new QueueRequest(QueueKind.All, new QueueFilter { Text = number }, QueueSort.Received, examiner.Id));
            Expect(search.Rows.Count == 1 && search.Rows[0].ReceptionNumber == number, "search by reception number");
        }

        var holder = await db.Applications.Where(a => a.AssigneeId != null).OrderBy(a => a.Id).Select(a => a.AssigneeId).FirstOrDefaultAsync();
        if (holder is { } holderId)
        {
            var mine = await queues.PageAsync(new QueueRequest(QueueKind.Mine, new QueueFilter(), QueueSort.Received, holderId));
            Expect(mine.Rows.Count > 0, "My cases of a holder");
        }
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new BenchmarkException($"Verification failed: {what}.");
        }
    }
}
