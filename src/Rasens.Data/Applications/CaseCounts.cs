using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rasens.Data.Applications;

/// <summary>
/// How many cases there are of one status, workflow and holder. The queues' counts are sums of these rows,
/// kept up to date in the same transaction as every change to a case (<see cref="CaseCountDeltas"/>), so a
/// count never scans the cases table.
/// </summary>
public sealed class CaseCount
{
    public ApplicationStatus Status { get; set; }

    public Workflow Workflow { get; set; }

    /// <summary>The holder's id ("d" format), or "" for nobody.</summary>
    public string AssigneeKey { get; set; } = "";

    public long Count { get; set; }

    public static string KeyOf(Guid? assigneeId) => assigneeId?.ToString("D") ?? "";
}

internal sealed class CaseCountConfiguration : IEntityTypeConfiguration<CaseCount>
{
    public void Configure(EntityTypeBuilder<CaseCount> builder)
    {
        builder.HasKey(c => new { c.Status, c.Workflow, c.AssigneeKey });
        builder.Property(c => c.AssigneeKey).HasMaxLength(36);
    }
}

/// <summary>The changes to <see cref="CaseCount"/> rows a save makes, worked out from the change tracker before saving.</summary>
internal static class CaseCountDeltas
{
    public static Dictionary<(ApplicationStatus Status, Workflow Workflow, string Assignee), long> Of(ChangeTracker tracker)
    {
        var deltas = new Dictionary<(ApplicationStatus, Workflow, string), long>();
        void Add(ApplicationStatus status, Workflow workflow, Guid? assignee, long delta)
        {
            var key = (status, workflow, CaseCount.KeyOf(assignee));
            deltas[key] = deltas.GetValueOrDefault(key) + delta;
        }

        foreach (var entry in tracker.Entries<Application>())
        {
            var application = entry.Entity;
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                Add(entry.OriginalValues.GetValue<ApplicationStatus>(nameof(Application.Status)), entry.OriginalValues.GetValue<Workflow>(nameof(Application.Workflow)),
                    entry.OriginalValues.GetValue<Guid?>(nameof(Application.AssigneeId)), -1);
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                Add(application.Status, application.Workflow, application.AssigneeId, +1);
            }
        }

        foreach (var zero in deltas.Where(d => d.Value == 0).Select(d => d.Key).ToList())
        {
            deltas.Remove(zero);
        }

        return deltas;
    }

    /// <summary>
    /// Applies the deltas inside the save's transaction: one upsert each, always in the same order, so two savers
    /// touching the same rows queue on their locks instead of deadlocking.
    /// </summary>
    public static async Task ApplyAsync(DatabaseFacade database, Dictionary<(ApplicationStatus Status, Workflow Workflow, string Assignee), long> deltas, CancellationToken cancellationToken)
    {
        var connection = database.GetDbConnection();
        var transaction = database.CurrentTransaction?.GetDbTransaction();
        foreach (var ((status, workflow, assignee), delta) in deltas.OrderBy(d => d.Key.Status).ThenBy(d => d.Key.Workflow).ThenBy(d => d.Key.Assignee, StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "INSERT INTO case_counts (status, workflow, assignee_key, count) VALUES (@status, @workflow, @assignee, @delta) " +
                "ON CONFLICT (status, workflow, assignee_key) DO UPDATE SET count = case_counts.count + excluded.count;";
            Add(command, "@status", status.ToString());
            Add(command, "@workflow", workflow.ToString());
            Add(command, "@assignee", assignee);
            Add(command, "@delta", delta);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static void Apply(DatabaseFacade database, Dictionary<(ApplicationStatus Status, Workflow Workflow, string Assignee), long> deltas) =>
        ApplyAsync(database, deltas, CancellationToken.None).GetAwaiter().GetResult();

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
