using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Notices;
using Rasens.Data.Procedures;

namespace Rasens.Testing;

/// <summary>Fluent builders for test data (house style, after eShop's OrderBuilder).</summary>
public static class A
{
    private static int _serial;

    public static ApplicantBuilder Applicant() => new();

    public static StaffBuilder Staff(StaffRole role = StaffRole.Examiner) => new(role);

    public static CaseBuilder Case(ApplicantUser owner) => new(owner);

    /// <summary>A general notice published at <paramref name="publishedAt"/>, titled and written in Japanese and English.</summary>
    public static NoticeBuilder Notice(DateTime publishedAt) => new(publishedAt);

    /// <summary>
    /// An authenticator already set up for <paramref name="staff"/> (two-factor turned on), written where Identity
    /// keeps it: the user's AuthenticatorKey token of its own store. Seed it together with the user.
    /// </summary>
    public static StaffUserToken AuthenticatorFor(StaffUser staff, string base32Key)
    {
        staff.TwoFactorEnabled = true;
        return new StaffUserToken { UserId = staff.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = base32Key };
    }

    internal static int Next() => Interlocked.Increment(ref _serial);

    /// <summary>1 → A, 26 → Z, 27 → AA: names in capital letters only, as the name format requires.</summary>
    internal static string Letters(int n)
    {
        var text = "";
        for (; n > 0; n = (n - 1) / 26)
        {
            text = (char)('A' + ((n - 1) % 26)) + text;
        }

        return text;
    }

    // PBKDF2 is deliberately slow; a hash does not depend on the user, so each password is hashed once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Hashes = new(StringComparer.Ordinal);

    internal static string HashOf(string password) =>
        Hashes.GetOrAdd(password, p => new PasswordHasher<object>().HashPassword(new object(), p));
}

public sealed class ApplicantBuilder
{
    private string _password = "Correct-Horse9";
    private string? _userId;

    public ApplicantBuilder WithPassword(string password)
    {
        _password = password;
        return this;
    }

    public ApplicantBuilder WithUserId(string userId)
    {
        _userId = userId;
        return this;
    }

    public ApplicantUser Build()
    {
        var n = A.Next();
        var user = new ApplicantUser
        {
            Id = Guid.NewGuid(),
            UserName = _userId ?? string.Create(CultureInfo.InvariantCulture, $"T{n:D6}{Random.Shared.Next(1000, 9999)}"),
            Email = $"applicant{n}-{Guid.NewGuid():N}@example.test",
            EmailConfirmed = true,
            NameEnglish = $"TEST APPLICANT {A.Letters(n)}",
            UserType = ApplicantUserType.ForeignNational,
            PreferredCulture = "en",
            CreatedAt = DateTime.UtcNow,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        user.NormalizedEmail = user.Email.ToUpperInvariant();
        user.PasswordHash = A.HashOf(_password);
        return user;
    }
}

public sealed class StaffBuilder(StaffRole role)
{
    private string _password = "Staff-Pass-2026";

    public StaffBuilder WithPassword(string password)
    {
        _password = password;
        return this;
    }

    public StaffUser Build()
    {
        var n = A.Next();
        var user = new StaffUser
        {
            Id = Guid.NewGuid(),
            UserName = string.Create(CultureInfo.InvariantCulture, $"staff{n}x{Random.Shared.Next(1000, 9999)}"),
            Email = $"staff{n}@immi.example.test",
            DisplayName = $"{role} {n}",
            Role = role,
            OfficeId = 3,
            IsActive = true,
            CreatedAt = DateTime.UtcNow,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        user.NormalizedEmail = user.Email.ToUpperInvariant();
        user.PasswordHash = A.HashOf(_password);
        return user;
    }
}

public sealed class NoticeBuilder(DateTime publishedAt)
{
    private string? _titleEn;
    private string? _bodyJa;
    private string? _bodyEn;
    private bool _important;
    private DateTime? _expiresAt;

    public NoticeBuilder Titled(string english)
    {
        _titleEn = english;
        return this;
    }

    public NoticeBuilder WithBody(string japanese, string english)
    {
        (_bodyJa, _bodyEn) = (japanese, english);
        return this;
    }

    public NoticeBuilder Important()
    {
        _important = true;
        return this;
    }

    public NoticeBuilder ExpiringAt(DateTime expiresAt)
    {
        _expiresAt = expiresAt;
        return this;
    }

    public GeneralNotice Build()
    {
        var n = A.Next();
        var english = _titleEn ?? $"Test notice {A.Letters(n)}";
        return new GeneralNotice
        {
            TitleJa = $"テストのお知らせ {english}",
            TitleEn = english,
            BodyJa = _bodyJa ?? $"{english} の本文です。",
            BodyEn = _bodyEn ?? $"The text of {english}.",
            Important = _important,
            PublishedAt = publishedAt,
            ExpiresAt = _expiresAt,
        };
    }
}

/// <summary>Builds a case and walks it through the real state machine to the status asked for.</summary>
public sealed class CaseBuilder(ApplicantUser owner)
{
    private Workflow _workflow = Workflow.Application;
    private ApplicationStatus _status = ApplicationStatus.Pending;
    private Actor? _holder;
    private ProcedureKind? _procedure;
    private string _payload = "{}";

    public CaseBuilder WithPayload(string json)
    {
        _payload = json;
        return this;
    }

    /// <summary>A particular procedure (its workflow must match: call Notification() for notification-kind ones).</summary>
    public CaseBuilder ForProcedure(ProcedureKind procedure)
    {
        _procedure = procedure;
        return this;
    }

    public CaseBuilder Notification()
    {
        _workflow = Workflow.Notification;
        return this;
    }

    public CaseBuilder InStatus(ApplicationStatus status)
    {
        _status = status;
        return this;
    }

    public CaseBuilder HeldBy(StaffUser holder) => HeldBy(holder.ToActor());

    public CaseBuilder HeldBy(Actor holder)
    {
        _holder = holder;
        return this;
    }

    public Application Build(DateTime? at = null)
    {
        var now = at ?? DateTime.UtcNow;
        var n = A.Next();
        var procedure = _procedure ?? (_workflow == Workflow.Application ? ProcedureKind.ExtensionOfPeriodOfStay : ProcedureKind.InstitutionOrSpouseNotification);
        var applicant = new Actor(ActorRole.Applicant, owner.Id, owner.NameEnglish);
        var unique = $"{n:D6}{Random.Shared.Next(100000, 999999)}";
        var application = Application.Submit(
            new NewApplication((int)procedure, _workflow, owner.Id, 3, $"T{unique}", owner.NameEnglish, 1, _payload)
            {
                // Within the 13 characters of a receipt number (DOMAIN §4), so it can be typed into a form.
                TemporaryReceptionNumber = _workflow == Workflow.Application ? $"東仮E{unique[^8..]}" : null,
                NotificationReceiptNumber = _workflow == Workflow.Notification ? $"届{unique}" : null,
                ResidenceCardNumber = "AB12345678CD",
            },
            applicant,
            now);

        var path = PathTo(_workflow, _status);
        if (path.Count > 0 || _holder is not null)
        {
            var holder = _holder ?? throw new InvalidOperationException("A case past Pending needs a holder: call HeldBy(staff).");
            Must(application.Claim(holder, now));
            foreach (var (action, byApplicant) in path)
            {
                Must(application.Apply(action, byApplicant ? applicant : holder, now, InputFor(action, unique)));
            }
        }

        return application;
    }

    /// <summary>The shortest path of actions from Pending to <paramref name="target"/> (true = the applicant acts).</summary>
    public static IReadOnlyList<(CaseAction Action, bool ByApplicant)> PathTo(Workflow workflow, ApplicationStatus target) =>
        (workflow, target) switch
        {
            (_, ApplicationStatus.Pending) => [],
            (_, ApplicationStatus.Withdrawn) => [(CaseAction.Withdraw, true)],
            (_, ApplicationStatus.ApplicationCompleted) => [(CaseAction.Receive, false)],
            (Workflow.Application, ApplicationStatus.UnderReview) => [(CaseAction.Receive, false), (CaseAction.StartReview, false)],
            (Workflow.Application, ApplicationStatus.InReturnProcess) =>
                [(CaseAction.Receive, false), (CaseAction.StartReview, false), (CaseAction.ReturnForCorrection, false)],
            (Workflow.Application, ApplicationStatus.AwaitingIssuance) =>
                [(CaseAction.Receive, false), (CaseAction.StartReview, false), (CaseAction.Approve, false)],
            (Workflow.Application, ApplicationStatus.Completed) =>
                [(CaseAction.Receive, false), (CaseAction.StartReview, false), (CaseAction.Approve, false), (CaseAction.CompleteHandOver, false)],
            (Workflow.Application, ApplicationStatus.CompletedNotPermitted) =>
                [(CaseAction.Receive, false), (CaseAction.StartReview, false), (CaseAction.Deny, false)],
            (Workflow.Notification, ApplicationStatus.Completed) => [(CaseAction.Receive, false), (CaseAction.Register, false)],
            (Workflow.Notification, ApplicationStatus.RegistrationError) => [(CaseAction.Receive, false), (CaseAction.FlagRegistrationError, false)],
            _ => throw new ArgumentException($"{target} is not reachable in the {workflow} workflow.", nameof(target)),
        };

    /// <summary>Whether <paramref name="status"/> can occur in <paramref name="workflow"/>.</summary>
    public static bool Reachable(Workflow workflow, ApplicationStatus status) => workflow switch
    {
        Workflow.Application => status is not ApplicationStatus.RegistrationError,
        Workflow.Notification => status is ApplicationStatus.Pending or ApplicationStatus.ApplicationCompleted or ApplicationStatus.Completed
            or ApplicationStatus.RegistrationError or ApplicationStatus.Withdrawn,
    };

    private static string? InputFor(CaseAction action, string unique) => action switch
    {
        CaseAction.Receive => $"東オンE{unique}",
        CaseAction.ReturnForCorrection or CaseAction.Deny or CaseAction.FlagRegistrationError => "Reason given in the test.",
        _ => null,
    };

    private static void Must(Result result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Builder broke a rule: {result.Error}");
        }
    }
}
