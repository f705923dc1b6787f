using System.Diagnostics;
using System.Globalization;
using MassGen.Tools.Commands;
using MassGen.Tools.Permissions;
using MassGen.Tools.Settings;

namespace MassGen.Tools.Sandboxing;

/// <summary>
/// <c>sandbox</c> mode: every command runs in a fresh bubblewrap sandbox. New mount, PID, IPC, UTS, cgroup and (unless
/// <c>command_line_network</c>) network namespaces; a root file system holding only the system folders (read-only, with
/// password hashes and host keys hidden), a private <c>/tmp</c>, the agent's workspace read-write, its shared folder and the
/// peers' snapshots it links to read-only, and its context paths read-only (writable ones read-write only for the final presenter,
/// protected paths and system folders inside them still read-only). The environment is cleared (the bwrap process
/// itself starts with none, so not even <c>/proc/1/environ</c> shows the host's); resource limits are hard rlimits set by
/// <c>prlimit</c> inside the sandbox, where capabilities are dropped so they cannot be raised, plus cgroup limits for the
/// command as a whole where available. The sandbox's init ends every process when the command ends, and dies with the host.
/// </summary>
internal sealed class SandboxLauncher(SandboxTools tools, AccessPolicy access, AgentToolSettings settings, CgroupLimiter cgroups) : ICommandLauncher, IDisposable
{
    private readonly CgroupPool _cgroups = new(cgroups, settings.CommandLimits.MaxProcesses, settings.CommandLimits.MemoryBytes);

    private const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly string[] s_systemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"];
    private static readonly string[] s_hiddenEtcFiles = ["shadow", "shadow-", "gshadow", "gshadow-", "sudoers", "security/opasswd", "master.passwd"];
    private static readonly string[] s_hiddenEtcFolders = ["sudoers.d", "ssl/private"];

    /// <summary>The bwrap arguments (without the program) for one command; exposed for tests.</summary>
    public IReadOnlyList<string> BuildArguments(string command, string workDirectory, bool isFinalPresentation) =>
        BuildArguments(["/bin/sh", "-c", command], workDirectory, settings.CommandEnvironment, isFinalPresentation);

    /// <summary>
    /// bwrap and its arguments that run <paramref name="program"/> in this agent's sandbox with
    /// <paramref name="environment"/> on top of the sandbox's base variables (for MCP servers with <c>sandbox: true</c>).
    /// </summary>
    public IReadOnlyList<string> WrapProgram(IReadOnlyList<string> program, string workDirectory, IReadOnlyDictionary<string, string> environment) =>
        [tools.Bwrap, .. BuildArguments(program, workDirectory, environment, isFinalPresentation: false)];

    private List<string> BuildArguments(IReadOnlyList<string> program, string workDirectory, IReadOnlyDictionary<string, string> extraEnvironment, bool isFinalPresentation)
    {
        var args = new List<string> { "--unshare-all" };
        if (settings.CommandNetwork)
        {
            args.Add("--share-net");
        }

        args.AddRange(["--die-with-parent", "--new-session", "--hostname", "sandbox", "--clearenv"]);
        AddSystemFolders(args);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
        AddContextPaths(args, isFinalPresentation);
        if (access.SharedFolder is { } shared && Directory.Exists(shared))
        {
            // The shared folder holds links to peers' snapshots; each snapshot is mounted read-only at its own path so
            // the links resolve inside the sandbox, and nothing of it can be changed from here.
            foreach (var view in access.SharedViews.Where(Directory.Exists))
            {
                args.AddRange(["--ro-bind", view, view]);
            }

            args.AddRange(["--ro-bind", shared, shared]);
        }

        if (access.Workspace is { } workspace)
        {
            args.AddRange(["--bind", workspace, workspace]);
        }

        args.AddRange(["--chdir", workDirectory]);
        foreach (var (name, value) in Environment(extraEnvironment))
        {
            args.AddRange(["--setenv", name, value]);
        }

        var limits = settings.CommandLimits;
        args.AddRange([
            "--", tools.Prlimit,
            Limit("cpu", limits.CpuSeconds),
            Limit("data", limits.MemoryBytes),
            Limit("nproc", limits.MaxProcesses),
            Limit("fsize", limits.MaxFileSizeBytes),
            Limit("core", 0),
            "--",
            .. program,
        ]);
        return args;
    }

    public CommandLaunch Prepare(string command, string workDirectory, bool isFinalPresentation)
    {
        var arguments = BuildArguments(command, workDirectory, isFinalPresentation);
        var scope = _cgroups.Rent();
        ProcessStartInfo info;
        if (scope is null)
        {
            info = new ProcessStartInfo(tools.Bwrap);
        }
        else
        {
            // The first process joins the command's groups, then becomes bwrap: every process of the command is counted.
            info = new ProcessStartInfo("/bin/sh")
            {
                ArgumentList = { "-c", "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"", "sh" },
            };
            foreach (var procs in scope.ProcsFiles)
            {
                info.ArgumentList.Add(procs);
            }

            info.ArgumentList.Add("--");
            info.ArgumentList.Add(tools.Bwrap);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Nothing of the host's environment reaches the sandbox, not even through its init process's /proc entry.
        info.Environment.Clear();
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return new Launch(info, scope);
    }

    /// <summary>Removes the idle cgroups of this agent's commands.</summary>
    public void Dispose() => _cgroups.Dispose();

    private IEnumerable<(string Name, string Value)> Environment(IReadOnlyDictionary<string, string> extra)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Path,
            ["HOME"] = access.Workspace ?? "/tmp",
            ["TMPDIR"] = "/tmp",
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (name, value) in extra)
        {
            values[name] = value;
        }

        return values.Select(kv => (kv.Key, kv.Value));
    }

    private static void AddSystemFolders(List<string> args)
    {
        foreach (var folder in s_systemFolders)
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, folder]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", folder, folder]);
            }
        }

        foreach (var file in s_hiddenEtcFiles.Select(f => System.IO.Path.Join("/etc", f)).Where(File.Exists))
        {
            args.AddRange(["--ro-bind", "/dev/null", file]);
        }

        var hiddenFolders = s_hiddenEtcFolders.Select(f => System.IO.Path.Join("/etc", f));
        var sshKeys = Directory.Exists("/etc/ssh") ? Directory.EnumerateFiles("/etc/ssh", "ssh_host_*_key") : [];
        foreach (var folder in hiddenFolders.Where(Directory.Exists))
        {
            args.AddRange(["--tmpfs", folder]);
        }

        foreach (var key in sshKeys)
        {
            args.AddRange(["--ro-bind", "/dev/null", key]);
        }
    }

    private void AddContextPaths(List<string> args, bool isFinalPresentation)
    {
        foreach (var context in access.ContextPaths.Where(c => File.Exists(c.Path) || Directory.Exists(c.Path)))
        {
            var writable = context.Permission == ContextPathAccess.Write && isFinalPresentation;
            args.AddRange([writable ? "--bind" : "--ro-bind", context.Path, context.Path]);
            var runData = System.IO.Path.Join(context.Path, ".massgen");
            if (!context.IsFile && Directory.Exists(runData))
            {
                // Runs' folders (other agents' workspaces, logs) are not part of the user's project: hidden.
                args.AddRange(["--tmpfs", runData]);
            }
            if (!writable || context.IsFile)
            {
                continue;
            }

            // Inside a writable context path, protected paths and system folders stay read-only (as for the file tools).
            var readOnly = context.ProtectedPaths
                .Concat(AccessPolicy.SystemFolderNames.Select(n => System.IO.Path.Join(context.Path, n)))
                .Where(p => File.Exists(p) || Directory.Exists(p));
            foreach (var path in readOnly)
            {
                args.AddRange(["--ro-bind", path, path]);
            }
        }
    }

    private static string Limit(string name, long value) =>
        string.Create(CultureInfo.InvariantCulture, $"--{name}={value}:{value}");

    private sealed class Launch(ProcessStartInfo startInfo, CgroupLimiter.CgroupScope? scope) : CommandLaunch
    {
        public override ProcessStartInfo StartInfo => startInfo;

        // bwrap's init in the sandbox dies with bwrap (--die-with-parent), and the PID namespace with its init: killing
        // bwrap ends every process of the command, including ones that ignore SIGTERM or started their own session.
        // Only bwrap is signalled: walking its tree would collect the numbers of processes that end meanwhile (a fork
        // bomb's, by the thousand) and signal whatever program has one of those numbers next.
        public override void KillTree(Process process)
        {
            try
            {
                process.Kill();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
        }

        // The PID namespace already ended every process with bwrap; emptying the group (a safety net) and giving it
        // back to the pool happen off the command's path. The scope never throws.
        public override ValueTask DisposeAsync()
        {
            if (scope is not null)
            {
                _ = Task.Run(async () => await scope.DisposeAsync());
            }

            return ValueTask.CompletedTask;
        }
    }
}
