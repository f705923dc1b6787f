using System.Diagnostics;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Packaging;

/// <summary>
/// A built distribution of massgen run as a real process: the installed .NET tool, or the self-contained single file
/// inside a bubblewrap sandbox that hides the .NET installation. <c>build/publish</c> makes them under the folder named
/// by <c>MASSGEN_PACKAGES_DIR</c> (.ci/run sets it); without it the tests that need them skip, saying so.
/// </summary>
internal sealed class PackagedProgram
{
    public const string PackagesVariable = "MASSGEN_PACKAGES_DIR";

    /// <summary>Long enough for a cold start of the program on a loaded machine; these tests start real processes.</summary>
    public const int Timeout = TestTimeouts.Process;

    private readonly Func<string, IReadOnlyList<string>, ProcessStartInfo> _start;

    private PackagedProgram(string description, Func<string, IReadOnlyList<string>, ProcessStartInfo> start)
    {
        Description = description;
        _start = start;
    }

    public string Description { get; }

    public static string? PackagesDirectory =>
        Environment.GetEnvironmentVariable(PackagesVariable) is { Length: > 0 } directory && Directory.Exists(directory) ? directory : null;

    public static string? ToolPackage =>
        PackagesDirectory is { } directory && Directory.Exists(Path.Combine(directory, "packages"))
            ? Directory.GetFiles(Path.Combine(directory, "packages"), "massgen.*.nupkg").FirstOrDefault()
            : null;

    public static string? SingleFile =>
        PackagesDirectory is { } directory && File.Exists(Path.Combine(directory, "massgen-linux-x64", "massgen"))
            ? Path.Combine(directory, "massgen-linux-x64", "massgen")
            : null;

    public static string? Bubblewrap => File.Exists("/usr/bin/bwrap") ? "/usr/bin/bwrap" : null;

    /// <summary>An installed tool's command, started directly.</summary>
    public static PackagedProgram Direct(string command) => new($"installed tool {command}", (workingDirectory, arguments) =>
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    });

    /// <summary>
    /// The single file in a sandbox where the whole file system is read-only, the .NET installation is an empty folder,
    /// and only the test's working folder and /tmp are writable. The network is shared, so 127.0.0.1 reaches the fake
    /// server. No --die-with-parent: its signal follows the thread that started the process, and .NET may retire that
    /// thread while the program still runs.
    /// </summary>
    public static PackagedProgram Sandboxed(string singleFile) => new($"single file {singleFile} without .NET", (workingDirectory, arguments) =>
    {
        var start = new ProcessStartInfo(Bubblewrap!) { WorkingDirectory = workingDirectory };
        string[] sandbox =
        [
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--bind", "/tmp", "/tmp",
            "--bind", workingDirectory, workingDirectory, "--chdir", workingDirectory,
        ];
        foreach (var argument in sandbox)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var hidden in DotnetInstallations())
        {
            start.ArgumentList.Add("--tmpfs");
            start.ArgumentList.Add(hidden);
        }

        start.ArgumentList.Add(singleFile);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    });

    /// <summary>Where .NET lives on this machine: each folder is replaced by an empty one in the sandbox.</summary>
    public static IEnumerable<string> DotnetInstallations() =>
        new[] { "/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/share/dotnet", "/opt/dotnet", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet") }
            .Append(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "")
            .Where(Directory.Exists).Distinct();

    public async Task<(int Exit, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? variables, params string[] arguments)
    {
        var start = _start(workingDirectory, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;

        // No keys, no user config, no launcher variables: only what the test passes.
        start.Environment["HOME"] = workingDirectory;
        foreach (var name in start.Environment.Keys.Where(k => k.EndsWith("_API_KEY", StringComparison.Ordinal) || k.StartsWith("MASSGEN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
