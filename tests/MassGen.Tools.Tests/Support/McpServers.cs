using MassGen.Tools.Settings;

namespace MassGen.Tools.Tests.Support;

/// <summary>Where the MCP servers used by the tests are.</summary>
public static class McpServers
{
    /// <summary>Our own stdio test server, built next to the tests.</summary>
    public static McpServerSettings TestServer(string name = "test") => new(name)
    {
        Command = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet",
        Args = [TestServerAssembly],
    };

    /// <summary>The folder of the test server's assembly (a sandboxed server needs it mounted, e.g. as a context path).</summary>
    public static string TestServerFolder => Path.GetDirectoryName(TestServerAssembly)!;

    /// <summary>The test server in its own output folder: tests/MassGen.Tools.TestMcpServer/bin/&lt;configuration&gt;/&lt;tfm&gt;/.</summary>
    private static string TestServerAssembly
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = here.Name;
            var configuration = here.Parent!.Name;
            var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
            var path = Path.Join(tests, "MassGen.Tools.TestMcpServer", "bin", configuration, framework, "MassGen.Tools.TestMcpServer.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The test MCP server is not built at '{path}'; build tests/MassGen.Tools.Tests (it builds the server first).");
        }
    }

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
