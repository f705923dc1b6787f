using MassGen.Testing;
using MassGen.Tools.Mcp;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.Mcp;

/// <summary>The reference third-party server, @modelcontextprotocol/server-filesystem, over a real stdio connection.</summary>
public sealed class FilesystemServerTests
{
    [FilesystemServerFact(Timeout = TestTimeouts.Default)]
    public async Task FilesystemServer_ListReadAndOutsideError()
    {
        using var folder = new TempFolder();
        folder.WriteFile("allowed/hello.txt", "hello from disk");
        folder.WriteFile("forbidden.txt", "nope");
        var settings = new McpServerSettings("files")
        {
            Command = "node",
            Args = [McpServers.FilesystemServerEntryPoint!, folder.Combine("allowed")],
            AllowedTools = ["list_directory", "read_text_file"],
        };
        await using var manager = new McpClientManager([settings]);
        await manager.StartAsync(new RecordingReporter());

        var listing = (string?)await McpClientManagerTests.Call(manager, "mcp__files__list_directory", ("path", folder.Combine("allowed")));
        var content = (string?)await McpClientManagerTests.Call(manager, "mcp__files__read_text_file", ("path", folder.Combine("allowed", "hello.txt")));
        var error = await Assert.ThrowsAsync<ToolCallFailedException>(() => McpClientManagerTests.Call(manager, "mcp__files__read_text_file", ("path", folder.Combine("forbidden.txt"))));

        Assert.Equal(["mcp__files__list_directory", "mcp__files__read_text_file"], manager.Tools.Select(t => t.Name).Order());
        Assert.Contains("[FILE] hello.txt", listing);
        Assert.Equal("hello from disk", content);
        Assert.Contains("reported an error", error.Message);
        Assert.Contains("outside allowed directories", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(McpServerState.Running, manager.States["files"]);
    }
}
