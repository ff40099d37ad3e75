using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;

namespace Rasens.Data.Tests.Forms;

public sealed class SavedFormsTests
{
    private static readonly IDataProtectionProvider Keys = DataProtectionProvider.Create("Rasens.Tests.SavedForms");
    private readonly SavedForms _saved = new(Keys, TimeProvider.System);
    private readonly Dictionary<string, string> _values = new() { ["nameEnglish"] = "NGUYEN VAN AN", ["formerName"] = "東京大学" };

    [Fact]
    public async Task Load_WhatWasSaved_GivesBackEveryValue()
    {
        var file = _saved.Save(NotificationForm.Definition, _values);

        var loaded = await _saved.LoadAsync(NotificationForm.Definition, new MemoryStream(file), TestContext.Current.CancellationToken);

        Assert.True(loaded.Succeeded);
        Assert.Equal(_values, loaded.Value);
        Assert.DoesNotContain("NGUYEN", Encoding.ASCII.GetString(file), StringComparison.Ordinal); // not readable by hand
    }

    [Fact]
    public async Task Load_AlteredFile_IsRefusedAsDamaged()
    {
        var file = _saved.Save(NotificationForm.Definition, _values);
        file[file.Length / 2] = (byte)(file[file.Length / 2] == 'A' ? 'B' : 'A');

        Assert.Equal(SavedForms.Damaged, (await _saved.LoadAsync(NotificationForm.Definition, new MemoryStream(file), TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Load_FileOfAnotherProcedure_IsRefused()
    {
        var other = new FormDefinition(ProcedureKind.ExtensionOfPeriodOfStay, 1, []);
        var file = _saved.Save(other, _values);

        Assert.Equal(SavedForms.OtherProcedure, (await _saved.LoadAsync(NotificationForm.Definition, new MemoryStream(file), TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Load_FileOfAnOlderFormVersion_IsRefused()
    {
        var older = NotificationForm.Definition with { Version = NotificationForm.Definition.Version - 1 };
        var file = _saved.Save(older, _values);

        Assert.Equal(SavedForms.Outdated, (await _saved.LoadAsync(NotificationForm.Definition, new MemoryStream(file), TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Load_FileFromAnotherInstallation_IsRefusedAsDamaged()
    {
        var foreign = new SavedForms(DataProtectionProvider.Create("Some.Other.System"), TimeProvider.System).Save(NotificationForm.Definition, _values);

        Assert.Equal(SavedForms.Damaged, (await _saved.LoadAsync(NotificationForm.Definition, new MemoryStream(foreign), TestContext.Current.CancellationToken)).Error);
    }

    [Theory]
    [InlineData("not a saved form at all")]
    [InlineData("")]
    public async Task Load_SomethingElse_IsRefusedAsDamaged(string content)
    {
        Assert.Equal(SavedForms.Damaged, (await _saved.LoadAsync(NotificationForm.Definition, new MemoryStream(Encoding.UTF8.GetBytes(content)), TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Load_HugeFile_IsRefusedWithoutReadingIt()
    {
        Assert.Equal(SavedForms.TooLarge, (await _saved.LoadAsync(NotificationForm.Definition, new MemoryStream(new byte[SavedForms.MaxFileBytes + 1]), TestContext.Current.CancellationToken)).Error);
    }
}
