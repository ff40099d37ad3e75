using System.Globalization;
using System.Text.Json;
using Bogus;
using Rasens.Data;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Rasens.Data.Seeding;

namespace Rasens.Benchmarks;

/// <summary>An applicant the generated cases belong to: the same name and card on every case of theirs, so search finds all of them.</summary>
internal sealed record BenchApplicant(Guid Id, string Name, string Card, string Nationality, DateOnly Born, string StatusCode, int HomeOfficeId);

/// <summary>
/// Makes the benchmark's cases. Each one is submitted and then driven through the real state machine
/// (<see cref="Application"/>'s own transition methods, which refuse illegal moves) by its applicant and an examiner
/// of its office, so status, stage, holder, reception number, decision and completion times, correction rounds and
/// paused time always agree; the deadline comes from <see cref="CaseDeadlines"/>, as the context sets it on save.
/// The mix: two years of submissions in id order, most old cases closed, a large open backlog (the New queue holds a
/// few hundred thousand of a million), numbers in the formats of <c>CaseNumbers</c>, allocated per scope without gaps.
/// </summary>
internal sealed class CaseGenerator
{
    private const string ReturnReason = "The facial photo is older than 6 months. Please attach a new photo.";
    private const string DenyReason = "The activities described do not correspond to the status of residence applied for.";
    private const string ErrorDetails = "The name of the organisation does not match the registered name.";

    // Share of cases by office (Tokyo, Osaka and Nagoya take most), in ReferenceData.Offices order.
    private static readonly int[] OfficeWeights = [4, 4, 30, 10, 12, 14, 5, 4, 3, 9, 5];

    // Share by procedure id 1..7 (COE by e-mail, id 8, has no case workflow, so no cases).
    private static readonly int[] ProcedureWeights = [6, 6, 24, 30, 14, 8, 12];

    private static readonly string[] Nationalities =
        ["China", "Viet Nam", "Republic of Korea", "Philippines", "Nepal", "Indonesia", "Brazil", "Myanmar", "Taiwan", "United States", "Thailand", "India", "Sri Lanka"];

    private readonly Random _random;
    private readonly DateTime _now;
    private readonly CaseDeadlines _deadlines = new();
    private readonly Procedure[] _procedures;
    private readonly RegionalOffice[] _offices;
    private readonly IReadOnlyList<BenchApplicant> _applicants;
    private readonly Dictionary<int, Actor[]> _holders;
    private readonly Dictionary<int, string[]> _payloads = [];

    public CaseGenerator(int seed, DateTime now, IReadOnlyList<BenchApplicant> applicants, Dictionary<int, Actor[]> holdersByOffice)
    {
        _random = new Random(seed);
        _now = now;
        _applicants = applicants;
        _holders = holdersByOffice;
        _procedures = [.. ReferenceData.Procedures().Where(p => p.Workflow is not null).OrderBy(p => p.Id)];
        _offices = [.. ReferenceData.Offices.OrderBy(o => o.Id)];
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        foreach (var procedure in _procedures)
        {
            // A few real form entries per procedure, reused: the rows get realistic payload sizes without a form per case.
            _payloads[procedure.Id] = [.. Enumerable.Range(0, 16).Select(i =>
            {
                var applicant = applicants[i * 37 % applicants.Count];
                var values = DemoPayloads.For(procedure.Kind, faker, applicant.Name, applicant.Card, applicant.Nationality, applicant.Born,
                    DateOnly.FromDateTime(JapanTime.FromUtc(now)).AddDays(-i));
                return JsonSerializer.Serialize(values);
            })];
        }
    }

    /// <summary>The last number handed out in each scope, for <c>number_sequences</c> (the app goes on from there).</summary>
    public Dictionary<string, long> Serials { get; } = new(StringComparer.Ordinal);

    /// <summary>How many generated cases are in each status / stage, checked against the database afterwards.</summary>
    public Dictionary<(ApplicationStatus Status, bool Held), long> Tally { get; } = [];

    public long NewQueue { get; private set; }

    public static IReadOnlyList<BenchApplicant> Applicants(int count, int seed, DateTime now)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var random = new Random(seed);
        var statuses = ReferenceData.StatusesOfResidence.Select(s => s.Code).ToArray();
        return [.. Enumerable.Range(0, count).Select(_ => new BenchApplicant(
            Guid.CreateVersion7(new DateTimeOffset(now.AddDays(-800 + (random.NextDouble() * 60)))),
            DemoPayloads.Latin($"{faker.Name.LastName()} {faker.Name.FirstName()}"),
            faker.Random.Replace("??########??").ToUpperInvariant(),
            Nationalities[random.Next(Nationalities.Length)],
            DateOnly.FromDateTime(now.AddYears(-20).AddDays(-random.Next(0, 365 * 30))),
            statuses[random.Next(statuses.Length)],
            Pick(random, OfficeWeights) + 1))];
    }

    /// <summary>Submission times spread evenly over the two years before <c>now</c>, oldest first, so ids follow them.</summary>
    public IEnumerable<CaseRow> Generate(int count)
    {
        var span = TimeSpan.FromDays(730) - TimeSpan.FromHours(1);
        var start = _now - TimeSpan.FromDays(730);
        var ticks = new long[count];
        for (var i = 0; i < count; i++)
        {
            ticks[i] = Microseconds(start.Ticks + _random.NextInt64(span.Ticks));
        }

        Array.Sort(ticks);
        foreach (var t in ticks)
        {
            yield return Make(new DateTime(t, DateTimeKind.Utc));
        }
    }

    private CaseRow Make(DateTime submittedAt)
    {
        var procedure = _procedures[Pick(_random, ProcedureWeights)];
        var workflow = procedure.Workflow!.Value;
        var applicant = _applicants[_random.Next(_applicants.Count)];
        // Requests for use are national and go to the usage-request office (Tokyo, as RasensOptions says).
        var office = procedure.Kind is ProcedureKind.UsageRequestNotifications or ProcedureKind.UsageRequestResidence
            ? _offices[2]
            : _offices[applicant.HomeOfficeId - 1];
        var owner = new Actor(ActorRole.Applicant, applicant.Id, applicant.Name);
        var payloads = _payloads[procedure.Id];
        var payload = payloads[_random.Next(payloads.Length)];
        var application = Application.Submit(
            new NewApplication(procedure.Id, workflow, applicant.Id, office.Id, Reference(submittedAt), applicant.Name, procedure.FormVersion, payload)
            {
                TemporaryReceptionNumber = workflow == Workflow.Application ? Temporary(office, procedure, submittedAt) : null,
                NotificationReceiptNumber = workflow == Workflow.Notification ? Notification(submittedAt) : null,
                ResidenceCardNumber = applicant.Card,
                Nationality = applicant.Nationality,
                DateOfBirth = applicant.Born,
                StatusOfResidenceCode = applicant.StatusCode,
                Simultaneous = workflow == Workflow.Application && _random.NextDouble() < 0.12
                    ? (SimultaneousApplications)(1 << _random.Next(3))
                    : SimultaneousApplications.None,
                SubmissionKey = Guid.CreateVersion7(new DateTimeOffset(submittedAt)),
            },
            owner,
            submittedAt);

        var target = Target(workflow, (_now - submittedAt).TotalDays);
        var path = Path(workflow, target);
        var times = Times(submittedAt, path);
        Actor? holder = null;
        for (var i = 0; i < path.Count; i++)
        {
            var at = times[i];
            var action = path[i];
            if (action == Step.Claim)
            {
                holder = PickHolder(office.Id);
                Check(application.Claim(holder, at), action, application);
                continue;
            }

            var by = holder ?? owner;
            var result = action switch
            {
                Step.Receive => application.Receive(by, workflow == Workflow.Application ? Reception(office, procedure, at) : null, at),
                Step.StartReview => application.StartReview(by, at),
                Step.Return => application.ReturnForCorrection(by, ReturnReason, at),
                Step.Resubmit => application.Resubmit(owner, payload, at),
                Step.Approve => application.Approve(by, at),
                Step.Deny => application.Deny(by, DenyReason, at),
                Step.HandOver => application.CompleteHandOver(by, at),
                Step.Register => application.Register(by, at),
                Step.FlagError => application.FlagRegistrationError(by, ErrorDetails, at),
                Step.Withdraw => application.Withdraw(owner, at),
                Step.Claim => throw new InvalidOperationException("Handled above."),
            };
            Check(result, action, application);
        }

        var saves = path.Count;
        if (holder is not null && (application.Status.IsFinal() || !target.Held))
        {
            Check(application.Release(holder), Step.Claim, application);
            saves++;
        }

        var dueAt = _deadlines.DueAt(application);
        var held = application.AssigneeId is not null;
        Tally[(application.Status, held)] = Tally.GetValueOrDefault((application.Status, held)) + 1;
        if (application.Stage == CaseStage.Active && !held)
        {
            NewQueue++;
        }

        return CaseRow.Of(application, dueAt, saves);
    }

    /// <summary>
    /// Where the case ends up, by its age: the older, the likelier it is closed (about 45% of all cases stay open),
    /// and whether its examiner still holds it.
    /// </summary>
    private (ApplicationStatus Status, bool Held) Target(Workflow workflow, double ageDays)
    {
        var open = ageDays < 1 || _random.NextDouble() < 0.95 * Math.Exp(-ageDays / 400);
        var roll = _random.NextDouble();
        var hold = _random.NextDouble();
        if (!open)
        {
            return workflow == Workflow.Application
                ? (roll < 0.75 ? ApplicationStatus.Completed : roll < 0.87 ? ApplicationStatus.CompletedNotPermitted : ApplicationStatus.Withdrawn, false)
                : (roll < 0.92 ? ApplicationStatus.Completed : ApplicationStatus.Withdrawn, false);
        }

        if (_random.NextDouble() < 0.08 && ageDays > 3)
        {
            return workflow == Workflow.Application ? (ApplicationStatus.InReturnProcess, hold < 0.7) : (ApplicationStatus.RegistrationError, hold < 0.5);
        }

        if (ageDays < 2)
        {
            return (roll < 0.8 ? ApplicationStatus.Pending : ApplicationStatus.ApplicationCompleted, hold < 0.2);
        }

        if (workflow == Workflow.Notification)
        {
            return roll < 0.55 ? (ApplicationStatus.Pending, hold < 0.1) : (ApplicationStatus.ApplicationCompleted, hold < 0.3);
        }

        return roll switch
        {
            < 0.35 => (ApplicationStatus.Pending, hold < 0.1),
            < 0.55 => (ApplicationStatus.ApplicationCompleted, hold < 0.3),
            < 0.90 => (ApplicationStatus.UnderReview, hold < 0.85),
            _ => (ApplicationStatus.AwaitingIssuance, hold < 0.4),
        };
    }

    private enum Step
    {
        Claim,
        Receive,
        StartReview,
        Return,
        Resubmit,
        Approve,
        Deny,
        HandOver,
        Register,
        FlagError,
        Withdraw,
    }

    /// <summary>The moves from Pending to <paramref name="target"/>, with an examiner claiming the case before the first of theirs.</summary>
    private List<Step> Path(Workflow workflow, (ApplicationStatus Status, bool Held) target)
    {
        var rounds = _random.NextDouble() switch { < 0.85 => 0, < 0.97 => 1, _ => 2 };
        var path = new List<Step>();
        void Corrections(Step flag)
        {
            for (var r = 0; r < rounds; r++)
            {
                path.Add(flag);
                path.Add(Step.Resubmit);
            }
        }

        if (workflow == Workflow.Application)
        {
            switch (target.Status)
            {
                case ApplicationStatus.Pending:
                    break;
                case ApplicationStatus.ApplicationCompleted:
                    path.Add(Step.Receive);
                    break;
                case ApplicationStatus.Withdrawn:
                    if (_random.NextDouble() < 0.4)
                    {
                        path.Add(Step.Receive);
                    }

                    path.Add(Step.Withdraw);
                    break;
                default:
                    path.AddRange([Step.Receive, Step.StartReview]);
                    Corrections(Step.Return);
                    switch (target.Status)
                    {
                        case ApplicationStatus.InReturnProcess:
                            path.Add(Step.Return);
                            break;
                        case ApplicationStatus.AwaitingIssuance:
                            path.Add(Step.Approve);
                            break;
                        case ApplicationStatus.Completed:
                            path.AddRange([Step.Approve, Step.HandOver]);
                            break;
                        case ApplicationStatus.CompletedNotPermitted:
                            path.Add(Step.Deny);
                            break;
                    }

                    break;
            }
        }
        else
        {
            switch (target.Status)
            {
                case ApplicationStatus.Pending:
                    break;
                case ApplicationStatus.Withdrawn:
                    path.Add(Step.Withdraw);
                    break;
                default:
                    path.Add(Step.Receive);
                    Corrections(Step.FlagError);
                    if (target.Status == ApplicationStatus.RegistrationError)
                    {
                        path.Add(Step.FlagError);
                    }
                    else if (target.Status == ApplicationStatus.Completed)
                    {
                        path.Add(Step.Register);
                    }

                    break;
            }
        }

        var first = path.FindIndex(s => s is not (Step.Withdraw or Step.Resubmit));
        if (first >= 0)
        {
            path.Insert(first, Step.Claim);
        }
        else if (target.Held && target.Status == ApplicationStatus.Pending)
        {
            path.Add(Step.Claim);
        }

        return path;
    }

    /// <summary>When each move happened: typical gaps, squeezed proportionally when the case is younger than its path.</summary>
    private DateTime[] Times(DateTime submittedAt, List<Step> path)
    {
        var gaps = path.Select(step =>
        {
            var (low, high) = step switch
            {
                Step.Claim => (0.5, 48.0),
                Step.Receive => (0.1, 24.0),
                Step.StartReview => (2.0, 240.0),
                Step.Return => (24.0, 480.0),
                Step.Resubmit => (24.0, 336.0),
                Step.Approve or Step.Deny => (48.0, 720.0),
                Step.HandOver => (24.0, 480.0),
                Step.Register or Step.FlagError or Step.Withdraw => (1.0, 120.0),
            };
            return TimeSpan.FromHours(low + (_random.NextDouble() * (high - low)));
        }).ToArray();
        var total = gaps.Aggregate(TimeSpan.Zero, (sum, gap) => sum + gap);
        var room = (_now - submittedAt - TimeSpan.FromMinutes(1)) * 0.98;
        var scale = total > room ? room / total : 1.0;
        var times = new DateTime[path.Count];
        var at = submittedAt;
        for (var i = 0; i < gaps.Length; i++)
        {
            at += gaps[i] * scale;
            at = new DateTime(Microseconds(at.Ticks), DateTimeKind.Utc);
            times[i] = at;
        }

        return times;
    }

    /// <summary>PostgreSQL keeps instants to the microsecond; whole microseconds read back the same on both engines.</summary>
    private static long Microseconds(long ticks) => ticks - (ticks % 10);

    private Actor PickHolder(int officeId)
    {
        var holders = _holders[officeId];
        return holders[_random.Next(holders.Length)];
    }

    private static void Check(Rasens.Data.Result result, Step step, Application application)
    {
        if (!result.Succeeded)
        {
            throw new BenchmarkException($"The generator broke a rule at {step} ({application.Workflow}, {application.Status}): {result.Error}");
        }
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    // The formats of Rasens.Data.Numbers.CaseNumbers, each scope counted from 1 without gaps, as its allocator does.
    private string Reference(DateTime at) => string.Create(CultureInfo.InvariantCulture, $"{at.Year}{Next($"reference:{at.Year}"):D8}");

    private string Temporary(RegionalOffice office, Procedure procedure, DateTime at) =>
        string.Create(CultureInfo.InvariantCulture, $"{office.NumberPrefix}仮{procedure.NumberCategory}{at.Year % 100:D2}{Next($"temporary:{office.Code}:{procedure.NumberCategory}:{at.Year}"):D6}");

    private string Reception(RegionalOffice office, Procedure procedure, DateTime at) =>
        string.Create(CultureInfo.InvariantCulture, $"{office.NumberPrefix}オン{procedure.NumberCategory}{at.Year % 100:D2}{Next($"reception:{office.Code}:{procedure.NumberCategory}:{at.Year}"):D6}");

    private string Notification(DateTime at) => string.Create(CultureInfo.InvariantCulture, $"届{at.Year % 100:D2}{Next($"notification:{at.Year}"):D8}");

    private long Next(string scope)
    {
        var next = Serials.GetValueOrDefault(scope) + 1;
        Serials[scope] = next;
        return next;
    }
}
