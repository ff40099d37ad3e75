using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rasens.Data.Events;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.ToTable("event_outbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Type).HasMaxLength(48).IsRequired();
        builder.Property(e => e.Payload).IsRequired();
        builder.HasIndex(e => e.CreatedAt);
        builder.HasIndex(e => new { e.ApplicantId, e.Id });
        builder.HasOne(e => e.Application).WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventCursorConfiguration : IEntityTypeConfiguration<EventCursor>
{
    public void Configure(EntityTypeBuilder<EventCursor> builder)
    {
        builder.HasKey(c => c.Consumer);
        builder.Property(c => c.Consumer).HasMaxLength(100);
    }
}
