using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rasens.Data.Accounts;

namespace Rasens.Data.Procedures;

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Code).HasMaxLength(48).IsRequired();
        builder.Property(p => p.Workflow).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.RequiresUsageRequest).HasConversion<string>().HasMaxLength(48);
        builder.Property(p => p.NumberCategory).HasMaxLength(2).IsRequired();
        builder.HasIndex(p => p.Code).IsUnique();
        builder.HasIndex(p => p.Kind).IsUnique();
        builder.HasMany(p => p.Texts).WithOne().HasForeignKey(t => t.ProcedureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProcedureTextConfiguration : IEntityTypeConfiguration<ProcedureText>
{
    public void Configure(EntityTypeBuilder<ProcedureText> builder)
    {
        builder.HasKey(t => new { t.ProcedureId, t.Culture });
        builder.Property(t => t.Culture).HasMaxLength(8);
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Explanation).IsRequired();
        builder.Property(t => t.TermsOfUse).IsRequired();
        builder.Property(t => t.ContactInformation).HasMaxLength(500).IsRequired();
    }
}

internal sealed class FavouriteConfiguration : IEntityTypeConfiguration<Favourite>
{
    public void Configure(EntityTypeBuilder<Favourite> builder)
    {
        builder.HasKey(f => new { f.ApplicantId, f.ProcedureId });
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(f => f.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Procedure>().WithMany().HasForeignKey(f => f.ProcedureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SearchSynonymConfiguration : IEntityTypeConfiguration<SearchSynonym>
{
    public void Configure(EntityTypeBuilder<SearchSynonym> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Term).HasMaxLength(64).IsRequired();
        builder.Property(s => s.Synonym).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => new { s.Term, s.Synonym }).IsUnique();
    }
}

internal sealed class StatusOfResidenceConfiguration : IEntityTypeConfiguration<StatusOfResidence>
{
    public void Configure(EntityTypeBuilder<StatusOfResidence> builder)
    {
        builder.ToTable("statuses_of_residence");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(48);
        builder.Property(s => s.NameJa).HasMaxLength(100).IsRequired();
        builder.Property(s => s.NameEn).HasMaxLength(150).IsRequired();
        builder.Property(s => s.NotificationCondition).HasMaxLength(300);
    }
}

internal sealed class NotificationContentConfiguration : IEntityTypeConfiguration<NotificationContent>
{
    public void Configure(EntityTypeBuilder<NotificationContent> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(48);
        builder.Property(c => c.NameJa).HasMaxLength(100).IsRequired();
        builder.Property(c => c.NameEn).HasMaxLength(150).IsRequired();
        builder.HasIndex(c => new { c.Classification, c.SortOrder });
    }
}

internal sealed class RegionalOfficeConfiguration : IEntityTypeConfiguration<RegionalOffice>
{
    public void Configure(EntityTypeBuilder<RegionalOffice> builder)
    {
        builder.ToTable("offices");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Code).HasMaxLength(16).IsRequired();
        builder.Property(o => o.NameJa).HasMaxLength(64).IsRequired();
        builder.Property(o => o.NameEn).HasMaxLength(100).IsRequired();
        builder.Property(o => o.NumberPrefix).HasMaxLength(2).IsRequired();
        builder.HasIndex(o => o.Code).IsUnique();
    }
}
