using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Hosting;
using Rasens.Data.Notices;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;

namespace Rasens.Data.Seeding;

/// <summary>
/// Demo accounts and a few hundred realistic cases for ./run.sh (never for tests). Runs once: when
/// any staff account exists it does nothing. Cases are driven through the real state machine so
/// their histories are what the product itself would have written. Passwords are generated on the
/// first run and written to &lt;data folder&gt;/demo-accounts.txt, never stored in the repository.
/// </summary>
public static class DemoData
{
    public const string CredentialsFile = "demo-accounts.txt";

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<RasensDbContext>();
        if (await db.StaffUsers.AnyAsync(cancellationToken))
        {
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var numbers = services.GetRequiredService<CaseNumbers>();
        var dataFolder = services.GetRequiredService<DataFolder>();
        var now = clock.GetUtcNow().UtcDateTime;
        var faker = new Faker("en") { Random = new Randomizer(20261122) };
        var credentials = new StringBuilder();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var tokyo = ReferenceData.Offices.Single(o => o.Code == "TOKYO").Id;
        var staff = new List<(StaffUser User, string Password)>
        {
            (Staff("examiner", "Examiner Sato Haruka", StaffRole.Examiner, tokyo, now), NewPassword()),
            (Staff("supervisor", "Supervisor Tanaka Ken", StaffRole.Supervisor, tokyo, now), NewPassword()),
            (Staff("admin", "Administrator Suzuki Mai", StaffRole.Administrator, tokyo, now), NewPassword()),
        };
        var staffHasher = new PasswordHasher<StaffUser>();
        credentials.AppendLine("Workbench - staff sign-in (user name, password):");
        foreach (var (user, password) in staff)
        {
            user.PasswordHash = staffHasher.HashPassword(user, password);
            db.StaffUsers.Add(user);
            credentials.AppendLine(CultureInfo.InvariantCulture, $"  {user.Role,-14} {user.UserName,-12} {password}");
        }

        var applicantHasher = new PasswordHasher<ApplicantUser>();
        var applicants = new List<ApplicantUser>();
        credentials.AppendLine("Portal - applicant login (User ID, password):");
        for (var i = 1; i <= 40; i++)
        {
            var user = new ApplicantUser
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(now.AddMinutes(i))),
                UserName = string.Create(CultureInfo.InvariantCulture, $"AP{i:D8}"),
                Email = $"applicant{i}@example.test",
                EmailConfirmed = true,
                PhoneNumber = "090" + faker.Random.ReplaceNumbers("########"),
                UserType = i % 10 == 0 ? ApplicantUserType.LegalRepresentative : ApplicantUserType.ForeignNational,
                NameEnglish = $"{faker.Name.LastName()} {faker.Name.FirstName()}".ToUpperInvariant(),
                PostalCode = faker.Random.ReplaceNumbers("#######"),
                Address = "東京都新宿区西新宿２－８－１",
                PreferredCulture = i % 3 == 0 ? "en" : "ja",
                CreatedAt = now.AddDays(-400 + i),
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            Normalize(user);
            applicants.Add(user);
            db.ApplicantUsers.Add(user);
            if (i <= 2)
            {
                var password = NewPassword();
                user.PasswordHash = applicantHasher.HashPassword(user, password);
                credentials.AppendLine(CultureInfo.InvariantCulture, $"  {user.UserName,-12} {password}   ({user.NameEnglish})");
            }
            else
            {
                // Demo-only accounts nobody signs in to: an unusable random password.
                user.PasswordHash = applicantHasher.HashPassword(user, NewPassword());
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var procedures = await db.Procedures.Where(p => p.Workflow != null).ToListAsync(cancellationToken);
        var offices = await db.Offices.ToListAsync(cancellationToken);
        var statuses = ReferenceData.StatusesOfResidence.ToArray();
        var examiner = staff[0].User.ToActor();
        var supervisor = staff[1].User.ToActor();

        for (var i = 0; i < 320; i++)
        {
            var applicant = applicants[faker.Random.Int(0, applicants.Count - 1)];
            var procedure = faker.PickRandom(procedures);
            var office = faker.PickRandom(offices);
            var status = faker.PickRandom(statuses);
            var submittedAt = now.AddMinutes(-faker.Random.Int(60, 60 * 24 * 150));
            var actorApplicant = new Actor(ActorRole.Applicant, applicant.Id, applicant.NameEnglish);
            var card = faker.Random.Replace("??########??").ToUpperInvariant();
            var nationality = faker.Address.Country() is { Length: <= 50 } country ? country : "Viet Nam";
            var born = DateOnly.FromDateTime(faker.Date.Past(40, now.AddYears(-18)));
            var payload = JsonSerializer.Serialize(DemoPayloads.For(procedure.Kind, faker, applicant.NameEnglish, card, nationality, born, DateOnly.FromDateTime(JapanTime.FromUtc(submittedAt))));
            var application = Application.Submit(
                new NewApplication(procedure.Id, procedure.Workflow!.Value, applicant.Id, office.Id,
                    await numbers.ReferenceNumberAsync(submittedAt, cancellationToken), applicant.NameEnglish, procedure.FormVersion, payload)
                {
                    TemporaryReceptionNumber = procedure.Workflow == Workflow.Application
                        ? await numbers.TemporaryReceptionNumberAsync(office, procedure, submittedAt, cancellationToken)
                        : null,
                    NotificationReceiptNumber = procedure.Workflow == Workflow.Notification
                        ? await numbers.NotificationReceiptNumberAsync(submittedAt, cancellationToken)
                        : null,
                    ResidenceCardNumber = card,
                    Nationality = nationality,
                    DateOfBirth = born,
                    StatusOfResidenceCode = status.Code,
                },
                actorApplicant,
                submittedAt);

            // Walk a random distance along a realistic path, as an examiner would have.
            var at = submittedAt;
            var steps = faker.Random.Int(0, 6);
            for (var step = 0; step < steps; step++)
            {
                at = at.AddHours(faker.Random.Int(2, 96));
                if (at >= now)
                {
                    break;
                }

                var holder = faker.Random.Bool(0.8f) ? examiner : supervisor;
                if (application.AssigneeId is null)
                {
                    _ = application.Claim(holder, at);
                }

                var actor = application.AssigneeId == supervisor.Id ? supervisor : examiner;
                var choices = application.AllowedTransitions(actor).Concat(application.AllowedTransitions(actorApplicant))
                    .Where(a => a != CaseAction.Withdraw || faker.Random.Bool(0.1f))
                    .ToList();
                if (choices.Count == 0)
                {
                    break;
                }

                var action = faker.PickRandom(choices);
                var by = application.AllowedTransitions(actorApplicant).Contains(action) ? actorApplicant : actor;
                var input = action switch
                {
                    CaseAction.Receive => await numbers.ReceptionNumberAsync(office, procedure, at, cancellationToken),
                    CaseAction.ReturnForCorrection => "The facial photo is older than 6 months. Please attach a new photo.",
                    CaseAction.Deny => "The activities described do not correspond to the status of residence applied for.",
                    CaseAction.FlagRegistrationError => "The name of the organisation does not match the registered name.",
                    CaseAction.Submit or CaseAction.StartReview or CaseAction.Resubmit or CaseAction.Approve or CaseAction.CompleteHandOver
                        or CaseAction.Register or CaseAction.Withdraw => null,
                };
                var result = application.Apply(action, by, at, input);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Demo data broke a rule: {result.Error}");
                }
            }

            // Leave most open cases in the New queue; release the rest sometimes.
            if (application.AssigneeId is not null && (application.Status.IsFinal() || faker.Random.Bool(0.3f)))
            {
                _ = application.Release(supervisor);
            }

            db.Applications.Add(application);
        }

        // The two applicants who can sign in have approved requests for use, so every procedure can be tried.
        foreach (var applicant in applicants.Take(2))
        {
            foreach (var kind in new[] { ProcedureKind.UsageRequestNotifications, ProcedureKind.UsageRequestResidence })
            {
                var at = now.AddDays(-30);
                var request = Application.Submit(
                    new NewApplication((int)kind, Workflow.Notification, applicant.Id, tokyo, await numbers.ReferenceNumberAsync(at, cancellationToken), applicant.NameEnglish, 1, "{}"),
                    new Actor(ActorRole.Applicant, applicant.Id, applicant.NameEnglish),
                    at);
                _ = request.Claim(examiner, at);
                _ = request.Receive(examiner, null, at.AddHours(1));
                _ = request.Register(examiner, at.AddHours(2));
                _ = request.Release(examiner);
                db.Applications.Add(request);
            }
        }

        db.GeneralNotices.AddRange(
            new GeneralNotice
            {
                TitleJa = "年末年始のシステム停止について", TitleEn = "System maintenance over the New Year holidays",
                BodyJa = "12月29日から1月3日まで、メンテナンスのため一部機能を停止します。", BodyEn = "Some functions are unavailable from 29 December to 3 January for maintenance.",
                Important = true, PublishedAt = now.AddDays(-3),
            },
            new GeneralNotice
            {
                TitleJa = "在留資格認定証明書の電子交付について", TitleEn = "Electronic Certificates of Eligibility",
                BodyJa = "窓口申請で電子メールでの受領を希望された方は、受領登録を行ってください。", BodyEn = "If you chose to receive your Certificate of Eligibility by e-mail, please register its receipt.",
                PublishedAt = now.AddDays(-20),
            });

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await File.WriteAllTextAsync(Path.Combine(dataFolder.Root, CredentialsFile), credentials.ToString(), cancellationToken);
    }

    private static StaffUser Staff(string userName, string name, StaffRole role, int officeId, DateTime now)
    {
        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            UserName = userName,
            Email = $"{userName}@immi.example.test",
            EmailConfirmed = true,
            DisplayName = name,
            Role = role,
            OfficeId = officeId,
            CreatedAt = now,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        user.NormalizedEmail = user.Email.ToUpperInvariant();
        return user;
    }

    private static void Normalize(ApplicantUser user)
    {
        user.NormalizedUserName = user.UserName!.ToUpperInvariant();
        user.NormalizedEmail = user.Email!.ToUpperInvariant();
    }

    /// <summary>A random password that meets the policy of DOMAIN §2 (four kinds, allowed symbols only).</summary>
    private static string NewPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "$%&=@_#*+-?!";
        var chars = new char[14];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        const string all = upper + lower + digits;
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
