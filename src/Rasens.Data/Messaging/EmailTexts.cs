namespace Rasens.Data.Messaging;

/// <summary>Marker for the e-mail texts (EmailTexts.&lt;culture&gt;.resx), one key in all eight languages.</summary>
public sealed class EmailTexts;
