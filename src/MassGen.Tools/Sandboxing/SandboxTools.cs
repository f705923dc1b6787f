using System.Diagnostics;

namespace MassGen.Tools.Sandboxing;

/// <summary>
/// The programs <c>sandbox</c> mode needs (<c>bwrap</c> for the namespaces, <c>prlimit</c> for the resource limits),
/// found once per process, and checked by starting one empty sandbox: a machine that has bubblewrap but forbids the
/// namespaces it needs fails at start-up with bubblewrap's own reason, not at the first command.
/// </summary>
internal sealed record SandboxTools(string Bwrap, string Prlimit)
{
    /// <summary>The install hint shown when bubblewrap is missing.</summary>
    public const string InstallHint =
        "install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap; Arch: sudo pacman -S bubblewrap), " +
        "or set command_line_execution_mode: docker (needs Docker) or local (no isolation)";

    private static readonly string[] s_standardDirectories = ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin"];
    private static readonly Lazy<(SandboxTools? Tools, string? Problem)> s_system = new(() => Detect(SearchDirectories()));

    /// <summary>The tools of this machine, or throws with what is missing and how to install it.</summary>
    /// <exception cref="SandboxUnavailableException">Not Linux, bubblewrap or prlimit missing, or the namespaces are not allowed.</exception>
    public static SandboxTools Require() => s_system.Value.Tools ?? throw new SandboxUnavailableException(s_system.Value.Problem!);

    /// <summary>Finds and checks the tools in <paramref name="directories"/>; the problem when they cannot be used.</summary>
    internal static (SandboxTools? Tools, string? Problem) Detect(IEnumerable<string> directories)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "command_line_execution_mode sandbox uses bubblewrap, which exists on Linux only; set command_line_execution_mode: docker (needs Docker) or local (no isolation).");
        }

        var list = directories.ToList();
        var bwrap = Find("bwrap", list);
        if (bwrap is null)
        {
            return (null, $"command_line_execution_mode sandbox needs bubblewrap (the bwrap program), which is not installed: {InstallHint}.");
        }

        var prlimit = Find("prlimit", list);
        if (prlimit is null)
        {
            return (null, "command_line_execution_mode sandbox needs prlimit (package util-linux) for the resource limits, which is not installed: install util-linux, or set command_line_execution_mode: docker or local.");
        }

        var probe = Probe(bwrap, prlimit);
        return probe is null ? (new SandboxTools(bwrap, prlimit), null) : (null, probe);
    }

    private static IEnumerable<string> SearchDirectories() =>
        s_standardDirectories.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));

    private static string? Find(string name, IEnumerable<string> directories) =>
        directories.Where(Path.IsPathRooted).Select(d => Path.Join(d, name)).FirstOrDefault(File.Exists);

    private static string? Probe(string bwrap, string prlimit)
    {
        var info = new ProcessStartInfo(bwrap)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        foreach (var argument in new[] { "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--", prlimit, "--nofile=64:64", "--", prlimit, "--version" })
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return "command_line_execution_mode sandbox: a test sandbox (bwrap) did not finish within 30 s; set command_line_execution_mode: docker or local.";
            }

            return process.ExitCode == 0
                ? null
                : $"command_line_execution_mode sandbox: bubblewrap cannot create its namespaces on this machine ({error.GetAwaiter().GetResult().Trim()}); allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 or the AppArmor bwrap profile), or set command_line_execution_mode: docker or local.";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"command_line_execution_mode sandbox: bwrap at '{bwrap}' cannot be started ({ex.Message}); {InstallHint}.";
        }
    }
}
