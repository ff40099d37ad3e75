using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rasens.Data.Notices;

internal sealed class GeneralNoticeConfiguration : IEntityTypeConfiguration<GeneralNotice>
{
    public void Configure(EntityTypeBuilder<GeneralNotice> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.TitleJa).HasMaxLength(200).IsRequired();
        builder.Property(n => n.TitleEn).HasMaxLength(200).IsRequired();
        builder.Property(n => n.BodyJa).IsRequired();
        builder.Property(n => n.BodyEn).IsRequired();
        builder.HasIndex(n => n.PublishedAt);
    }
}
