using MassGen.Tools.Settings;

namespace MassGen.Tools.Tests.Support;

/// <summary>Where the MCP servers used by the tests are.</summary>
public static class McpServers
{
    /// <summary>Our own stdio test server, built next to the tests.</summary>
    public static McpServerSettings TestServer(string name = "test") => new(name)
    {
        Command = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet",
        Args = [Path.Join(AppContext.BaseDirectory, "MassGen.Tools.TestMcpServer.dll")],
    };

    /// <summary>The reference filesystem server installed by .ci/install-fixtures, or null when it is not installed.</summary>
    public static string? FilesystemServerEntryPoint { get; } = FindFilesystemServer();

    public const string FilesystemServerMissing = "@modelcontextprotocol/server-filesystem is not installed in .tools/ (run .ci/install-fixtures; it needs npm and node)";

    private static string? FindFilesystemServer()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var entry = Path.Join(folder.FullName, ".tools", "mcp-server-filesystem", "node_modules", "@modelcontextprotocol", "server-filesystem", "dist", "index.js");
            if (File.Exists(entry))
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>A fact that skips, saying why, when the third-party filesystem MCP server is not installed.</summary>
public sealed class FilesystemServerFactAttribute : FactAttribute
{
    public FilesystemServerFactAttribute()
    {
        if (McpServers.FilesystemServerEntryPoint is null)
        {
            Skip = McpServers.FilesystemServerMissing;
        }
    }
}
