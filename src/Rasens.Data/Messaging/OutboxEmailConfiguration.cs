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
        builder.Property(e => e.LastReply).HasMaxLength(EmailAttempt.MaxReply);
        // The default only serves rows that existed before the column (0007); the application always sets it.
        builder.Property(e => e.State).HasDefaultValue(EmailState.Queued).HasSentinel((EmailState)0);
        builder.HasIndex(e => e.DeduplicationKey).IsUnique();
        // The sender reads due e-mails by state and time; the case page by case.
        builder.HasIndex(e => new { e.State, e.NextAttemptAt });
        builder.HasIndex(e => e.ApplicationId);
        // At most one resend of an e-mail, whatever two supervisors do at once.
        builder.HasIndex(e => e.ResendOf).IsUnique();
    }
}

internal sealed class EmailAttemptConfiguration : IEntityTypeConfiguration<EmailAttempt>
{
    public void Configure(EntityTypeBuilder<EmailAttempt> builder)
    {
        builder.ToTable("email_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Reply).HasMaxLength(EmailAttempt.MaxReply);
        builder.Property(a => a.Instance).HasMaxLength(64);
        builder.HasIndex(a => new { a.EmailId, a.Number }).IsUnique();
        builder.HasOne<OutboxEmail>().WithMany().HasForeignKey(a => a.EmailId).OnDelete(DeleteBehavior.Cascade);
    }
}
