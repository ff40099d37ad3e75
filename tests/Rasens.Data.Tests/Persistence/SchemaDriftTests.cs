using Rasens.Testing;

namespace Rasens.Data.Tests.Persistence;

/// <summary>
/// The scripts in db/&lt;engine&gt;/ must build exactly the schema EF creates from the model. A column, index
/// or key added to the model without a script (or a script without the model) fails here.
/// </summary>
public abstract class SchemaDriftTests(TestDatabase fromScripts)
{
    [Fact]
    public async Task Scripts_BuildExactlyTheSchemaOfTheModel()
    {
        var fromModel = fromScripts.NewSibling();
        try
        {
            await fromModel.InitializeFromModelAsync();
            var expected = await SchemaSnapshot.ReadAsync(fromModel);
            var actual = await SchemaSnapshot.ReadAsync(fromScripts);

            Assert.NotEmpty(expected);
            var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
            var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0,
                $"Schema scripts drifted from the model on {fromScripts.Provider}.\n"
                + $"In the model but not built by the scripts (add a script):\n  {string.Join("\n  ", missing)}\n"
                + $"Built by the scripts but not in the model:\n  {string.Join("\n  ", extra)}");
        }
        finally
        {
            await fromModel.DisposeAsync();
        }
    }
}

public sealed class SchemaDriftTests_Sqlite(SqliteTestDatabase database) : SchemaDriftTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class SchemaDriftTests_Postgres(PostgresTestDatabase database) : SchemaDriftTests(database), IClassFixture<PostgresTestDatabase>;
