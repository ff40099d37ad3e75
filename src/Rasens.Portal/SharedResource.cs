namespace Rasens.Portal;

/// <summary>Marker for the Portal's localized strings (Resources/SharedResource.*.resx, eight languages).</summary>
public sealed class SharedResource;
