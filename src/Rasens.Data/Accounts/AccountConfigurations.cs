using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rasens.Data.Procedures;

namespace Rasens.Data.Accounts;

/// <summary>
/// Applicants and staff are two separate Identity stores in one database: separate tables, separate
/// user types, nothing shared. This mirrors what IdentityUserContext would configure for each.
/// </summary>
internal static class IdentityTables
{
    public static void ConfigureUser<TUser>(EntityTypeBuilder<TUser> builder)
        where TUser : IdentityUser<Guid>
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.UserName).HasMaxLength(32);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(32);
        builder.Property(u => u.Email).HasMaxLength(60);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(60);
        builder.Property(u => u.PhoneNumber).HasMaxLength(12);
        builder.Property(u => u.ConcurrencyStamp).IsConcurrencyToken().HasMaxLength(36);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.PasswordHash).HasMaxLength(256);
        builder.HasIndex(u => u.NormalizedUserName).IsUnique();
        builder.HasIndex(u => u.NormalizedEmail);
    }

    public static void ConfigureClaim<TClaim>(EntityTypeBuilder<TClaim> builder)
        where TClaim : IdentityUserClaim<Guid>
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.UserId);
    }

    public static void ConfigureLogin<TLogin>(EntityTypeBuilder<TLogin> builder)
        where TLogin : IdentityUserLogin<Guid>
    {
        builder.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        builder.Property(l => l.LoginProvider).HasMaxLength(128);
        builder.Property(l => l.ProviderKey).HasMaxLength(128);
        builder.HasIndex(l => l.UserId);
    }

    public static void ConfigureToken<TToken>(EntityTypeBuilder<TToken> builder)
        where TToken : IdentityUserToken<Guid>
    {
        builder.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        builder.Property(t => t.LoginProvider).HasMaxLength(128);
        builder.Property(t => t.Name).HasMaxLength(128);
    }
}

internal sealed class ApplicantUserConfiguration : IEntityTypeConfiguration<ApplicantUser>
{
    public void Configure(EntityTypeBuilder<ApplicantUser> builder)
    {
        IdentityTables.ConfigureUser(builder);
        builder.Property(u => u.NameEnglish).HasMaxLength(104).IsRequired();
        builder.Property(u => u.PostalCode).HasMaxLength(7);
        builder.Property(u => u.Address).HasMaxLength(80);
        builder.Property(u => u.OrganizationName).HasMaxLength(100);
        builder.Property(u => u.PreferredCulture).HasMaxLength(8).IsRequired();
        builder.Property(u => u.Sex).HasMaxLength(8);
    }
}

internal sealed class ApplicantUserClaimConfiguration : IEntityTypeConfiguration<ApplicantUserClaim>
{
    public void Configure(EntityTypeBuilder<ApplicantUserClaim> builder)
    {
        IdentityTables.ConfigureClaim(builder);
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicantUserLoginConfiguration : IEntityTypeConfiguration<ApplicantUserLogin>
{
    public void Configure(EntityTypeBuilder<ApplicantUserLogin> builder)
    {
        IdentityTables.ConfigureLogin(builder);
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicantUserTokenConfiguration : IEntityTypeConfiguration<ApplicantUserToken>
{
    public void Configure(EntityTypeBuilder<ApplicantUserToken> builder)
    {
        IdentityTables.ConfigureToken(builder);
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        IdentityTables.ConfigureUser(builder);
        builder.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        builder.HasOne<RegionalOffice>().WithMany().HasForeignKey(u => u.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffUserClaimConfiguration : IEntityTypeConfiguration<StaffUserClaim>
{
    public void Configure(EntityTypeBuilder<StaffUserClaim> builder)
    {
        IdentityTables.ConfigureClaim(builder);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffUserLoginConfiguration : IEntityTypeConfiguration<StaffUserLogin>
{
    public void Configure(EntityTypeBuilder<StaffUserLogin> builder)
    {
        IdentityTables.ConfigureLogin(builder);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffUserTokenConfiguration : IEntityTypeConfiguration<StaffUserToken>
{
    public void Configure(EntityTypeBuilder<StaffUserToken> builder)
    {
        IdentityTables.ConfigureToken(builder);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailLinkConfiguration : IEntityTypeConfiguration<EmailLink>
{
    public void Configure(EntityTypeBuilder<EmailLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Email).HasMaxLength(60).IsRequired();
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(l => l.ApplicantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdentityVerificationConfiguration : IEntityTypeConfiguration<IdentityVerification>
{
    public void Configure(EntityTypeBuilder<IdentityVerification> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Adapter).HasMaxLength(32).IsRequired();
        builder.Property(v => v.Name).HasMaxLength(104);
        builder.Property(v => v.Address).HasMaxLength(200);
        builder.Property(v => v.Sex).HasMaxLength(8);
        builder.Property(v => v.ReaderKeyHash).HasMaxLength(64).IsRequired();
        builder.HasOne(v => v.Application).WithMany().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.ApplicantId, v.CreatedAt });
        builder.HasOne<ApplicantUser>().WithMany().HasForeignKey(v => v.ApplicantId).OnDelete(DeleteBehavior.Cascade);
    }
}
