using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rasens.Data.Accounts;
using Rasens.Data.Procedures;

namespace Rasens.Data.Applications;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ReferenceNumber).HasMaxLength(20).IsRequired();
        builder.Property(a => a.TemporaryReceptionNumber).HasMaxLength(20);
        builder.Property(a => a.ReceptionNumber).HasMaxLength(20);
        builder.Property(a => a.NotificationReceiptNumber).HasMaxLength(20);
        builder.Property(a => a.ApplicantName).HasMaxLength(104).IsRequired();
        builder.Property(a => a.ResidenceCardNumber).HasMaxLength(12);
        builder.Property(a => a.Nationality).HasMaxLength(64);
        builder.Property(a => a.StatusOfResidenceCode).HasMaxLength(48);
        builder.Property(a => a.AssigneeName).HasMaxLength(100);
        builder.Property(a => a.Payload).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();
        // The default only serves rows that existed before the column (0004); the application always sets it.
        builder.Property(a => a.Stage).HasDefaultValue(CaseStage.Active).HasSentinel((CaseStage)0);

        builder.HasIndex(a => a.ReferenceNumber).IsUnique();
        builder.HasIndex(a => a.SubmissionKey).IsUnique();
        builder.HasIndex(a => a.TemporaryReceptionNumber).IsUnique();
        builder.HasIndex(a => a.ReceptionNumber).IsUnique();
        builder.HasIndex(a => a.NotificationReceiptNumber).IsUnique();
        builder.HasIndex(a => a.ResidenceCardNumber);
        builder.HasIndex(a => a.ApplicantName);
        // Queues page by (received order, id) within a status; the applicant's list by submission date.
        builder.HasIndex(a => new { a.Status, a.SubmittedAt, a.Id });
        builder.HasIndex(a => new { a.AssigneeId, a.Status });
        builder.HasIndex(a => new { a.ApplicantId, a.SubmittedAt });
        builder.HasIndex(a => new { a.OfficeId, a.Status });
        builder.HasIndex(a => new { a.ProcedureId, a.Status });
        // New (nobody holds it, clock running) and My cases read in received order; the Overdue count and the deadline sort by deadline.
        builder.HasIndex(a => new { a.Stage, a.AssigneeId, a.SubmittedAt, a.Id });
        builder.HasIndex(a => new { a.Stage, a.DueAt, a.Id });
        // All (no filter) and Overdue (a stage and a deadline bound, but listed in received order) read these (0005).
        builder.HasIndex(a => new { a.SubmittedAt, a.Id });
        builder.HasIndex(a => new { a.Stage, a.SubmittedAt, a.Id });

        builder.HasOne<Procedure>().WithMany().HasForeignKey(a => a.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RegionalOffice>().WithMany().HasForeignKey(a => a.OfficeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.AssigneeId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.Events);
    }
}

internal sealed class StatusHistoryEntryConfiguration : IEntityTypeConfiguration<StatusHistoryEntry>
{
    public void Configure(EntityTypeBuilder<StatusHistoryEntry> builder)
    {
        builder.ToTable("status_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.ActorName).HasMaxLength(100).IsRequired();
        builder.HasIndex(h => new { h.ApplicationId, h.At });
    }
}

internal sealed class CorrectionRequestConfiguration : IEntityTypeConfiguration<CorrectionRequest>
{
    public void Configure(EntityTypeBuilder<CorrectionRequest> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.RequestedByName).HasMaxLength(100).IsRequired();
        builder.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CorrectionRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.ApplicationId, c.Round }).IsUnique();
    }
}

internal sealed class CorrectionItemConfiguration : IEntityTypeConfiguration<CorrectionItem>
{
    public void Configure(EntityTypeBuilder<CorrectionItem> builder)
    {
        builder.ToTable("correction_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Target).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Message).HasMaxLength(1000).IsRequired();
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.OriginalFileName).HasMaxLength(255).IsRequired();
        builder.Property(a => a.StoredName).HasMaxLength(100).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => a.StoredName).IsUnique();
        builder.HasIndex(a => a.ApplicationId);
        builder.HasIndex(a => new { a.OwnerApplicantId, a.DraftId });
        builder.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(a => a.OwnerApplicantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InternalNoteConfiguration : IEntityTypeConfiguration<InternalNote>
{
    public void Configure(EntityTypeBuilder<InternalNote> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.AuthorName).HasMaxLength(100).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(4000).IsRequired();
        builder.HasIndex(n => new { n.ApplicationId, n.CreatedAt });
        builder.HasOne<Application>().WithMany().HasForeignKey(n => n.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}
