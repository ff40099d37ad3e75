using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rasens.Data.Numbers;

/// <summary>
/// Hands out the next number of a scope inside the caller's transaction. The row update takes the
/// row's write lock (SQLite: the database's), so concurrent callers queue; a rollback returns the number.
/// </summary>
public sealed class NumberAllocator(RasensDbContext db)
{
    public async Task<long> NextAsync(string scope, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction
                          ?? throw new InvalidOperationException("Numbers are allocated inside the transaction that uses them; begin one first.");
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();

        await using (var ensure = connection.CreateCommand())
        {
            ensure.Transaction = dbTransaction;
            ensure.CommandText = "INSERT INTO number_sequences (scope, last_value) VALUES (@scope, 0) ON CONFLICT (scope) DO NOTHING;";
            AddScope(ensure, scope);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var next = connection.CreateCommand();
        next.Transaction = dbTransaction;
        next.CommandText = "UPDATE number_sequences SET last_value = last_value + 1 WHERE scope = @scope RETURNING last_value;";
        AddScope(next, scope);
        var value = await next.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddScope(DbCommand command, string scope)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@scope";
        parameter.Value = scope;
        command.Parameters.Add(parameter);
    }
}
