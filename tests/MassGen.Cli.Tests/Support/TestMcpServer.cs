namespace MassGen.Cli.Tests.Support;

/// <summary>Where the repository's stdio MCP test server (tests/MassGen.Tools.TestMcpServer) is built, and how to run it.</summary>
internal static class TestMcpServer
{
    /// <summary>The dotnet host that runs it.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The server's assembly in its own output folder: tests/MassGen.Tools.TestMcpServer/bin/&lt;configuration&gt;/&lt;tfm&gt;/.</summary>
    public static string Assembly
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tests = here.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Join(tests, "MassGen.Tools.TestMcpServer", "bin", here.Parent.Name, here.Name, "MassGen.Tools.TestMcpServer.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The test MCP server is not built at '{path}'; build tests/MassGen.Cli.Tests (it builds the server first).");
        }
    }
}
