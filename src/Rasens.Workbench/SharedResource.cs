namespace Rasens.Workbench;

/// <summary>Marker for the Workbench's localized strings (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
