using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Hosting;
using Rasens.Data.Persistence;
using Rasens.Testing;

namespace Rasens.Data.Tests.Persistence;

/// <summary>
/// 0007 on a database with e-mails from before it: sent rows become Sent, given-up rows Failed, the rest Queued; case
/// e-mails find their case from the deduplication key. Written in raw SQL at the 0006 schema, so later scripts cannot break it.
/// </summary>
public abstract class EmailDeliveryMigrationTests(TestDatabase database)
{
    [Fact]
    public async Task Script0007_OnExistingEmails_SetsTheirStateAndTheirCase()
    {
        var target = database.NewSibling();
        await using var _ = target;
        await target.CreateEmptyAsync();
        await using var db = target.CreateContext();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var connection = db.Database.GetDbConnection();
        var scripts = SchemaMigrator.Scripts(target.Provider);
        foreach (var script in scripts.Where(s => s.Version < 7))
        {
            await ExecuteAsync(connection, script.Sql);
        }

        var postgres = target.Provider == DatabaseProvider.PostgreSql;
        // A case row without its applicant, procedure and office: only its id and reference number matter here.
        await ExecuteAsync(connection, postgres ? "SET session_replication_role = replica;" : "PRAGMA foreign_keys = OFF;");
        await ExecuteAsync(connection, postgres
            ? """
              INSERT INTO applications (id, reference_number, procedure_id, workflow, status, applicant_id, office_id, applicant_name, simultaneous,
                  submitted_at, status_changed_at, paused_duration, form_version, payload, correction_round, version)
              VALUES (41, 'R2612040041', 1, 'Application', 'UnderReview', '00000000-0000-0000-0000-000000000001', 1, 'X', 0,
                  '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', 0, 1, '{}', 0, 3);
              """
            : """
              INSERT INTO "applications" ("id", "reference_number", "procedure_id", "workflow", "status", "applicant_id", "office_id", "applicant_name", "simultaneous",
                  "submitted_at", "status_changed_at", "paused_duration", "form_version", "payload", "correction_round", "version")
              VALUES (41, 'R2612040041', 1, 'Application', 'UnderReview', '00000000-0000-0000-0000-000000000001', 1, 'X', 0,
                  '2026-12-01 00:00:00', '2026-12-01 00:00:00', 0, 1, '{}', 0, 3);
              """);
        var at = postgres ? "'2026-12-01T00:00:00Z'" : "'2026-12-01 00:00:00'";
        (int Id, string Template, string? Key, string? SentAt, string? FailedAt)[] rows =
        [
            (1, "case-returned", "case-returned:41:4", at, null),
            (2, "registration-link", null, null, at),
            (3, "application-received", "received:R2612040041", null, null),
            (4, "case-approved", "case-approved:999:2", null, null),
            (5, "case-denied", "case-denied:41:7", null, null),
        ];
        foreach (var (id, template, key, sentAt, failedAt) in rows)
        {
            await ExecuteAsync(connection, $"""
                INSERT INTO email_outbox (id, created_at, template, deduplication_key, "to", subject, body, culture, attempts, next_attempt_at, sent_at, failed_at)
                VALUES ({id}, {at}, '{template}', {(key is null ? "NULL" : $"'{key}'")}, 'a@example.jp', 's', 'b', 'ja', 1, {at}, {sentAt ?? "NULL"}, {failedAt ?? "NULL"});
                """);
        }

        await ExecuteAsync(connection, scripts.Single(s => s.Version == 7).Sql);

        var migrated = await db.OutboxEmails.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.State, e.ApplicationId }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            [(1L, "Sent", (long?)41), (2L, "Failed", null), (3L, "Queued", 41), (4L, "Queued", null), (5L, "Queued", 41)],
            migrated.Select(e => (e.Id, e.State.ToString(), e.ApplicationId)));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class EmailDeliveryMigrationTests_Sqlite(SqliteTestDatabase database) : EmailDeliveryMigrationTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class EmailDeliveryMigrationTests_Postgres(PostgresTestDatabase database) : EmailDeliveryMigrationTests(database), IClassFixture<PostgresTestDatabase>;
