using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;

namespace Rasens.Data.Forms;

/// <summary>
/// A form's own rules (<see cref="FormDefinition.Check"/>) plus the ones that need the database: the change of
/// method of receipt names one of the applicant's own applications, still open, by its temporary reception
/// number (002 §5.3). Confirmation, Apply and resubmission all go through here, so they agree.
/// </summary>
public sealed class FormChecks(RasensDbContext db, TimeProvider clock)
{
    public const string ReceptionNumberField = "temporaryReceptionNumber";

    public DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task<FormCheck> CheckAsync(Guid applicantId, FormDefinition form, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var check = form.Check(values, Today);
        if (form.Procedure != ProcedureKind.ChangeOfMethodOfReceipt || !check.Values.TryGetValue(ReceptionNumberField, out var number)
            || check.Errors.Any(e => e.Key == ReceptionNumberField))
        {
            return check;
        }

        var target = await TargetAsync(applicantId, number, cancellationToken);
        var code = target is null ? "form.reception-number-unknown" : target.Status.IsFinal() ? "form.reception-number-closed" : null;
        return code is null
            ? check
            : check with { Errors = [.. check.Errors, new FieldError(ReceptionNumberField, code, form.FindField(ReceptionNumberField)!.LabelKey, [])] };
    }

    /// <summary>The applicant's own residence application with that temporary reception number; someone else's is never found.</summary>
    public Task<Application?> TargetAsync(Guid applicantId, string temporaryReceptionNumber, CancellationToken cancellationToken = default) =>
        db.Applications.AsNoTracking()
            .SingleOrDefaultAsync(a => a.ApplicantId == applicantId && a.TemporaryReceptionNumber == temporaryReceptionNumber, cancellationToken);
}
