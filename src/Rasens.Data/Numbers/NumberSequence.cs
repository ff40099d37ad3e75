namespace Rasens.Data.Numbers;

/// <summary>
/// A gap-free counter. One row per scope (kind, office, category, year); incremented inside the
/// transaction that uses the number, so a rollback gives the number back (DOMAIN §9).
/// </summary>
public sealed class NumberSequence
{
    public string Scope { get; set; } = "";

    public long LastValue { get; set; }
}
