using Microsoft.EntityFrameworkCore;

namespace Rasens.Data.Procedures;

/// <summary>Favourite procedures on My Page (001 §6.6). Adding twice or removing what is not there changes nothing.</summary>
public sealed class Favourites(RasensDbContext db, TimeProvider clock)
{
    public static Error NotAllowed { get; } = new("favourite.not-allowed", "This procedure cannot be added to favourites.");

    public Task<bool> IsFavouriteAsync(Guid applicantId, int procedureId, CancellationToken cancellationToken = default) =>
        db.Favourites.AnyAsync(f => f.ApplicantId == applicantId && f.ProcedureId == procedureId, cancellationToken);

    public async Task<Result> AddAsync(Guid applicantId, Procedure procedure, CancellationToken cancellationToken = default)
    {
        if (!procedure.CanBeFavourite)
        {
            return NotAllowed;
        }

        if (!await IsFavouriteAsync(applicantId, procedure.Id, cancellationToken))
        {
            db.Favourites.Add(new Favourite { ApplicantId = applicantId, ProcedureId = procedure.Id, CreatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Added at the same moment from another tab: fine if it is there now, a real failure otherwise.
                db.ChangeTracker.Clear();
                if (!await IsFavouriteAsync(applicantId, procedure.Id, cancellationToken))
                {
                    throw;
                }
            }
        }

        return Result.Ok;
    }

    public async Task RemoveAsync(Guid applicantId, int procedureId, CancellationToken cancellationToken = default) =>
        await db.Favourites.Where(f => f.ApplicantId == applicantId && f.ProcedureId == procedureId).ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyList<Procedure>> ListAsync(Guid applicantId, CancellationToken cancellationToken = default) =>
        await db.Favourites.AsNoTracking()
            .Where(f => f.ApplicantId == applicantId)
            .OrderBy(f => f.CreatedAt)
            .Join(db.Procedures.Include(p => p.Texts), f => f.ProcedureId, p => p.Id, (_, p) => p)
            .ToListAsync(cancellationToken);
}
