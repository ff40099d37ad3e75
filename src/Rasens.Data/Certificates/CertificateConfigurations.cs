using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rasens.Data.Accounts;
using Rasens.Data.Procedures;

namespace Rasens.Data.Certificates;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<CertificateOfEligibility>
{
    public void Configure(EntityTypeBuilder<CertificateOfEligibility> builder)
    {
        builder.ToTable("certificates_of_eligibility");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CoeNumber).HasMaxLength(20).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(60).IsRequired();
        builder.Property(c => c.ApplicantName).HasMaxLength(104).IsRequired();
        builder.Property(c => c.Nationality).HasMaxLength(64);
        builder.Property(c => c.StatusOfResidenceCode).HasMaxLength(48).IsRequired();
        builder.Property(c => c.VerificationCode).HasMaxLength(32).IsRequired();
        builder.Property(c => c.PdfStoredName).HasMaxLength(100);
        builder.Property(c => c.RevocationReason).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.CoeNumber).IsUnique();
        builder.HasIndex(c => new { c.ApplicantId, c.IssuedAt });
        builder.HasIndex(c => new { c.Status, c.SentAt });
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(c => c.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RegionalOffice>().WithMany().HasForeignKey(c => c.OfficeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.IssuedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Reminders).WithOne().HasForeignKey(r => r.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CoeReminderConfiguration : IEntityTypeConfiguration<CoeReminder>
{
    public void Configure(EntityTypeBuilder<CoeReminder> builder)
    {
        builder.ToTable("coe_reminders");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.CertificateId, r.DueOn }).IsUnique();
    }
}
