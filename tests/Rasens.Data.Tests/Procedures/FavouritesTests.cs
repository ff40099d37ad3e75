using Microsoft.EntityFrameworkCore;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Procedures;

/// <summary>
/// Favourite procedures (Favourites.cs, 001 §6.6) on both engines: adding twice or removing what is not there changes
/// nothing, a procedure that cannot be a favourite is refused, and My Page lists them in the order added.
/// </summary>
public abstract class FavouritesTests(TestDatabase database)
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task Add_Twice_KeepsOneFavourite()
    {
        var applicant = await ApplicantAsync();
        var extension = await ProcedureAsync(ProcedureKind.ExtensionOfPeriodOfStay);

        await using (var db = database.CreateContext())
        {
            Assert.True((await new Favourites(db, _clock).AddAsync(applicant, extension, Ct)).Succeeded);
        }

        await using (var db = database.CreateContext())
        {
            Assert.True((await new Favourites(db, _clock).AddAsync(applicant, extension, Ct)).Succeeded);
            Assert.True(await new Favourites(db, _clock).IsFavouriteAsync(applicant, extension.Id, Ct));
        }

        await using var check = database.CreateContext();
        var stored = await check.Favourites.AsNoTracking().SingleAsync(f => f.ApplicantId == applicant, Ct);
        Assert.Equal((extension.Id, _clock.UtcNow), (stored.ProcedureId, stored.CreatedAt));
    }

    [Fact]
    public async Task Add_AProcedureThatCannotBeAFavourite_IsRefusedAndAddsNothing()
    {
        var applicant = await ApplicantAsync();
        var procedure = await ProcedureAsync(ProcedureKind.ChangeOfStatusOfResidence);
        procedure.CanBeFavourite = false;

        await using var db = database.CreateContext();
        var result = await new Favourites(db, _clock).AddAsync(applicant, procedure, Ct);

        Assert.Equal(Favourites.NotAllowed, result.Error);
        Assert.False(await db.Favourites.AnyAsync(f => f.ApplicantId == applicant, Ct));
    }

    [Fact]
    public async Task List_IsInTheOrderAdded_AndRemoveTakesOneOff_EvenIfAbsent()
    {
        var applicant = await ApplicantAsync();
        var other = await ApplicantAsync();
        var (extension, change, employment) = (await ProcedureAsync(ProcedureKind.ExtensionOfPeriodOfStay), await ProcedureAsync(ProcedureKind.ChangeOfStatusOfResidence),
            await ProcedureAsync(ProcedureKind.AuthorizedEmploymentCertificate));
        foreach (var procedure in new[] { employment, extension, change })
        {
            await using var db = database.CreateContext();
            Assert.True((await new Favourites(db, _clock).AddAsync(applicant, procedure, Ct)).Succeeded);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        await using (var db = database.CreateContext())
        {
            await new Favourites(db, _clock).AddAsync(other, extension, Ct);
            await new Favourites(db, _clock).RemoveAsync(applicant, extension.Id, Ct);
            await new Favourites(db, _clock).RemoveAsync(applicant, extension.Id, Ct); // not there any more: nothing happens
        }

        await using var check = database.CreateContext();
        var listed = await new Favourites(check, _clock).ListAsync(applicant, Ct);
        Assert.Equal([ProcedureKind.AuthorizedEmploymentCertificate, ProcedureKind.ChangeOfStatusOfResidence], listed.Select(p => p.Kind));
        Assert.All(listed, p => Assert.NotEmpty(p.Texts)); // with their names, for My Page
        Assert.True(await new Favourites(check, _clock).IsFavouriteAsync(other, extension.Id, Ct)); // someone else's stays
        Assert.False(await new Favourites(check, _clock).IsFavouriteAsync(applicant, extension.Id, Ct));
    }

    private async Task<Guid> ApplicantAsync()
    {
        var applicant = A.Applicant().Build();
        await database.SeedAsync(applicant);
        return applicant.Id;
    }

    private async Task<Procedure> ProcedureAsync(ProcedureKind kind)
    {
        await using var db = database.CreateContext();
        return await db.Procedures.AsNoTracking().SingleAsync(p => p.Kind == kind, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class FavouritesTests_Sqlite(SqliteTestDatabase database) : FavouritesTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class FavouritesTests_Postgres(PostgresTestDatabase database) : FavouritesTests(database), IClassFixture<PostgresTestDatabase>;
