namespace Rasens.Portal.Infrastructure;

/// <summary>
/// The shipped <see cref="IIdentityVerifier"/>: a page of this Portal that plays the smartphone's part
/// (PIN entry, then the card's basic 4 information). Clearly labelled as a simulation wherever it appears;
/// a real JPKI / Mynaportal adapter replaces it without touching the request-for-use pages.
/// </summary>
public sealed class SimulatedCardReader(RasensOptions options) : IIdentityVerifier
{
    public string Adapter => "simulated";

    public string ReaderUrl(IdentityVerification verification, string readerKey) =>
        options.PortalLink($"/SimulatedCardReader/{verification.Id:N}?key={Uri.EscapeDataString(readerKey)}");
}
