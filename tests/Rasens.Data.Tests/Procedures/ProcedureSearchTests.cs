using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Procedures;

public abstract class ProcedureSearchTests(TestDatabase database)
{
    [Fact]
    public async Task Search_NoKeywords_ListsAllEightNewestReceptionFirst()
    {
        var page = await SearchAsync(null);

        Assert.Equal(8, page.Total);
        Assert.Equal(page.Items.Select(i => i.Procedure.ReceptionStartsAt).OrderDescending(), page.Items.Select(i => i.Procedure.ReceptionStartsAt));
    }

    [Fact]
    public async Task Search_SeveralKeywords_AllMustMatch()
    {
        var both = await SearchAsync("application stay");
        var none = await SearchAsync("application spouse-no-such-word");

        Assert.Equal([ProcedureKind.ExtensionOfPeriodOfStay], both.Items.Select(i => i.Procedure.Kind));
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task Search_KeywordsAreCaseInsensitiveAndFullWidthSpacesSeparate()
    {
        var page = await SearchAsync("REQUEST\u3000residence", culture: "en");

        Assert.Equal([ProcedureKind.UsageRequestResidence], page.Items.Select(i => i.Procedure.Kind));
    }

    [Fact]
    public async Task Search_Synonyms_FindWhatTheWordAloneDoesNot()
    {
        Assert.Equal(0, (await SearchAsync("renewal")).Total);

        var withSynonyms = await SearchAsync("renewal", synonyms: true);

        Assert.Contains(withSynonyms.Items, i => i.Procedure.Kind == ProcedureKind.ExtensionOfPeriodOfStay);
    }

    [Fact]
    public async Task Search_InJapanese_MatchesTheJapaneseTexts()
    {
        var page = await SearchAsync("在留期間", culture: "ja");

        Assert.Contains(page.Items, i => i.Procedure.Kind == ProcedureKind.ExtensionOfPeriodOfStay);
    }

    [Fact]
    public async Task Search_PagesOfTen_AndOldestFirst()
    {
        var oldest = await SearchAsync(null, sort: ProcedureSort.ReceptionStartOldest, size: 10);
        var second = await SearchAsync(null, size: 10, page: 2);

        Assert.Equal(oldest.Items.Select(i => i.Procedure.ReceptionStartsAt).Order(), oldest.Items.Select(i => i.Procedure.ReceptionStartsAt));
        Assert.Equal((1, 1), (second.Page, second.PageCount)); // 8 fit on one page: page 2 is clamped to the last page
    }

    [Fact]
    public async Task Search_UnknownPageSize_FallsBackToTwenty()
    {
        Assert.Equal(8, (await SearchAsync(null, size: 7)).Items.Count);
    }

    private async Task<ProcedurePage> SearchAsync(string? keywords, bool synonyms = false, ProcedureSort sort = ProcedureSort.ReceptionStartNewest, int size = 20, int page = 1, string culture = "en")
    {
        await using var db = database.CreateContext();
        return await new ProcedureSearch(db).SearchAsync(new ProcedureQuery(keywords, synonyms, sort, size, page, culture));
    }
}

public sealed class ProcedureSearchTests_Sqlite(SqliteTestDatabase database) : ProcedureSearchTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ProcedureSearchTests_Postgres(PostgresTestDatabase database) : ProcedureSearchTests(database), IClassFixture<PostgresTestDatabase>;
