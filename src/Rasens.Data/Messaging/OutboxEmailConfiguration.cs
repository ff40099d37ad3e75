using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rasens.Data.Messaging;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("email_outbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Template).HasMaxLength(64).IsRequired();
        builder.Property(e => e.DeduplicationKey).HasMaxLength(128);
        builder.Property(e => e.To).HasMaxLength(254).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(300).IsRequired();
        builder.Property(e => e.Body).IsRequired();
        builder.Property(e => e.Culture).HasMaxLength(8).IsRequired();
        builder.Property(e => e.AttachmentStoredName).HasMaxLength(100);
        builder.Property(e => e.AttachmentFileName).HasMaxLength(255);
        builder.Property(e => e.LeasedBy).HasMaxLength(64);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        builder.HasIndex(e => e.DeduplicationKey).IsUnique();
        builder.HasIndex(e => new { e.SentAt, e.NextAttemptAt });
    }
}
