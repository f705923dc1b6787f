using System.Text;
using System.Text.Json;

namespace MassGen.Providers.ClaudeCode;

/// <summary>
/// The <c>--mcp-config</c> file of one CLI run: in a folder of its own that only this user can enter, readable only
/// by this user (the servers' environment may hold keys), and deleted with the folder when the run ends.
/// </summary>
internal sealed class McpConfigFile : IDisposable
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
    private readonly string _folder;

    private McpConfigFile(string folder, string path)
    {
        _folder = folder;
        Path = path;
    }

    public string Path { get; }

    public static McpConfigFile? Write(IReadOnlyList<ClaudeCodeMcpServer> servers)
    {
        if (servers.Count == 0)
        {
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("massgen-claude-mcp-").FullName;
        var path = System.IO.Path.Join(folder, "mcp.json");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created with these permissions, so the keys are never readable by others, not even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(ClaudeCodeCommandLine.McpConfig(servers).ToJsonString(s_indented)));
        }

        return new McpConfigFile(folder, path);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is private to this user and the OS cleans it eventually.
        }
    }
}
