using Rasens.Data.Files;

namespace Rasens.Data.Tests.Files;

/// <summary>
/// The local file store (FileStore.cs): names the server makes, bytes kept under the root and read back, never
/// overwritten, and any name that is not one of ours refused before it can reach the disk.
/// </summary>
public sealed class FileStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rasens-filestore-").FullName;

    [Theory]
    [InlineData(".pdf", ".pdf")]
    [InlineData(".JPEG", ".jpeg")]
    [InlineData("", "")]
    public void NewName_IsAFreshGuidWithTheExtensionInLowerCase(string extension, string expected)
    {
        var first = LocalFileStore.NewName(extension);
        var second = LocalFileStore.NewName(extension);

        Assert.Matches($"^[0-9a-f]{{32}}{System.Text.RegularExpressions.Regex.Escape(expected)}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Save_ThenOpenRead_GivesTheBytesBack_KeptInAFolderNamedByTheNamesStart()
    {
        var store = new LocalFileStore(_root);
        var name = LocalFileStore.NewName(".pdf");
        byte[] bytes = [0x25, 0x50, 0x44, 0x46, 1, 2, 3];

        await store.SaveAsync(name, new MemoryStream(bytes), Ct);

        await using (var read = await store.OpenReadAsync(name, Ct))
        {
            Assert.NotNull(read);
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, Ct);
            Assert.Equal(bytes, copy.ToArray());
        }

        Assert.Equal([Path.Combine(_root, name[..2], name)], Directory.GetFiles(_root, "*", SearchOption.AllDirectories)); // no ".partial" left behind
    }

    [Fact]
    public async Task OpenRead_NoSuchFile_IsNull()
    {
        Assert.Null(await new LocalFileStore(_root).OpenReadAsync(LocalFileStore.NewName(".pdf"), Ct));
    }

    [Fact]
    public async Task Delete_RemovesTheFile_AndAMissingOneIsNoError()
    {
        var store = new LocalFileStore(_root);
        var name = LocalFileStore.NewName(".jpg");
        await store.SaveAsync(name, new MemoryStream([1]), Ct);

        await store.DeleteAsync(name, Ct);
        await store.DeleteAsync(name, Ct);

        Assert.Null(await store.OpenReadAsync(name, Ct));
    }

    [Fact]
    public async Task Save_ANameAlreadyStored_IsRefusedAndKeepsTheFirstBytes()
    {
        var store = new LocalFileStore(_root);
        var name = LocalFileStore.NewName(".pdf");
        await store.SaveAsync(name, new MemoryStream([1, 1, 1]), Ct);

        await Assert.ThrowsAnyAsync<IOException>(() => store.SaveAsync(name, new MemoryStream([2, 2, 2]), Ct));

        await using var read = await store.OpenReadAsync(name, Ct);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy, Ct);
        Assert.Equal([1, 1, 1], copy.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape.pdf")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("sub/file.pdf")]
    [InlineData("sub\\file.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("UPPER.PDF")]
    [InlineData("在留カード.pdf")]
    [InlineData("name with space.pdf")]
    public async Task AnyAccess_ANameNotOfOurs_IsRefused(string name)
    {
        var store = new LocalFileStore(_root);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(name, new MemoryStream([1]), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(name, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(name, Ct));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task AnyAccess_ANameOver100Characters_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new LocalFileStore(_root).OpenReadAsync(new string('a', 97) + ".pdf", Ct));
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
