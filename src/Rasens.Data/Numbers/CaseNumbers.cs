using System.Globalization;
using Rasens.Data.Procedures;

namespace Rasens.Data.Numbers;

/// <summary>
/// The formats of DOMAIN §9. Every number is office/category/year scoped and gap-free; all fit the
/// manuals' 13-character limit. Examples: reference 202600000042, temporary 東仮E26000001,
/// reception 東オンE26000001, notification receipt 届2600000001, COE 東認26000001.
/// </summary>
public sealed class CaseNumbers(NumberAllocator allocator)
{
    public async Task<string> ReferenceNumberAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var serial = await allocator.NextAsync($"reference:{now.Year}", cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{now.Year}{serial:D8}");
    }

    public async Task<string> TemporaryReceptionNumberAsync(RegionalOffice office, Procedure procedure, DateTime now, CancellationToken cancellationToken = default)
    {
        var serial = await allocator.NextAsync($"temporary:{office.Code}:{procedure.NumberCategory}:{now.Year}", cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{office.NumberPrefix}仮{procedure.NumberCategory}{now.Year % 100:D2}{serial:D6}");
    }

    public async Task<string> ReceptionNumberAsync(RegionalOffice office, Procedure procedure, DateTime now, CancellationToken cancellationToken = default)
    {
        var serial = await allocator.NextAsync($"reception:{office.Code}:{procedure.NumberCategory}:{now.Year}", cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{office.NumberPrefix}オン{procedure.NumberCategory}{now.Year % 100:D2}{serial:D6}");
    }

    public async Task<string> NotificationReceiptNumberAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var serial = await allocator.NextAsync($"notification:{now.Year}", cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"届{now.Year % 100:D2}{serial:D8}");
    }

    public async Task<string> CoeNumberAsync(RegionalOffice office, DateTime now, CancellationToken cancellationToken = default)
    {
        var serial = await allocator.NextAsync($"coe:{office.Code}:{now.Year}", cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{office.NumberPrefix}認{now.Year % 100:D2}{serial:D6}");
    }
}
