using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rasens.Data.Persistence;

/// <summary>Stores instants as UTC and reads them back as <see cref="DateTimeKind.Utc"/>.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
