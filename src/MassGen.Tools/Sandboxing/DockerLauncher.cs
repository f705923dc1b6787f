using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MassGen.Tools.Commands;
using MassGen.Tools.Internal;
using MassGen.Tools.Permissions;
using MassGen.Tools.Settings;

namespace MassGen.Tools.Sandboxing;

/// <summary>
/// <c>docker</c> mode: every command runs in a fresh container of the configured image (<c>docker run --rm</c>), as a
/// non-root user with every capability dropped and no new privileges, on a read-only root with a private <c>/tmp</c>.
/// The agent's workspace is mounted read-write at its own path, its shared folder and the peers' snapshots it links to
/// read-only, its context paths read-only (writable ones read-write for the final presenter, protected paths still
/// read-only). No network unless configured; memory, CPUs, processes and file size limited by Docker. The container
/// gets only the environment the config passes. On timeout the container is killed by its name.
/// </summary>
internal sealed class DockerLauncher(string docker, AccessPolicy access, AgentToolSettings settings) : ICommandLauncher
{
    /// <summary>The user a command runs as when MassGen itself runs as root: never root inside the container.</summary>
    internal const string NobodyUser = "65534:65534";

    /// <summary>Makes each container's name; replaced in tests for exact arguments.</summary>
    internal Func<string> NewContainerName { get; init; } = () => "massgen-cmd-" + RandomNumberGenerator.GetHexString(12, lowercase: true);

    /// <summary>The <c>docker</c> arguments (without the program) for one command in container <paramref name="name"/>.</summary>
    public IReadOnlyList<string> BuildArguments(string command, string workDirectory, bool isFinalPresentation, string name)
    {
        var docker = settings.Docker;
        var limits = settings.CommandLimits;
        var args = new List<string>
        {
            "run", "--rm", "--init", "--name", name,
            "--network", docker.NetworkMode ?? (settings.CommandNetwork ? "bridge" : "none"),
            "--user", User(),
            "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges",
            "--read-only",
            "--tmpfs", "/tmp",
            "--memory", docker.MemoryLimit ?? limits.MemoryBytes.ToString(CultureInfo.InvariantCulture),
            "--memory-swap", docker.MemoryLimit ?? limits.MemoryBytes.ToString(CultureInfo.InvariantCulture),
        };
        if (docker.CpuLimit is { } cpus)
        {
            args.AddRange(["--cpus", cpus.ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange([
            "--pids-limit", limits.MaxProcesses.ToString(CultureInfo.InvariantCulture),
            "--ulimit", Ulimit("cpu", limits.CpuSeconds),
            "--ulimit", Ulimit("fsize", limits.MaxFileSizeBytes),
            "--ulimit", "core=0:0",
        ]);
        AddMounts(args, isFinalPresentation);
        args.AddRange(["--workdir", workDirectory]);
        foreach (var (variable, value) in Environment())
        {
            args.AddRange(["--env", $"{variable}={value}"]);
        }

        args.AddRange([docker.Image, "/bin/sh", "-c", command]);
        return args;
    }

    public CommandLaunch Prepare(string command, string workDirectory, bool isFinalPresentation)
    {
        var name = NewContainerName();
        var info = new ProcessStartInfo(docker)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in BuildArguments(command, workDirectory, isFinalPresentation, name))
        {
            info.ArgumentList.Add(argument);
        }

        // The docker client keeps the host's environment (DOCKER_HOST, its config); the container gets none of it:
        // only --env values reach the command.
        return new Launch(info, docker, name);
    }

    private void AddMounts(List<string> args, bool isFinalPresentation)
    {
        foreach (var context in access.ContextPaths.Where(c => File.Exists(c.Path) || Directory.Exists(c.Path)))
        {
            var writable = context.Permission == ContextPathAccess.Write && isFinalPresentation;
            args.AddRange(["--volume", Volume(context.Path, writable)]);
            var runData = Path.Join(context.Path, ".massgen");
            if (!context.IsFile && Directory.Exists(runData))
            {
                // Runs' folders (other agents' workspaces, logs) are not part of the user's project: hidden.
                args.AddRange(["--tmpfs", runData]);
            }

            if (writable && !context.IsFile)
            {
                var readOnly = context.ProtectedPaths
                    .Concat(AccessPolicy.SystemFolderNames.Select(n => Path.Join(context.Path, n)))
                    .Where(p => File.Exists(p) || Directory.Exists(p));
                foreach (var path in readOnly)
                {
                    args.AddRange(["--volume", Volume(path, writable: false)]);
                }
            }
        }

        if (access.SharedFolder is { } shared && Directory.Exists(shared))
        {
            foreach (var view in access.SharedViews.Where(Directory.Exists))
            {
                args.AddRange(["--volume", Volume(view, writable: false)]);
            }

            args.AddRange(["--volume", Volume(shared, writable: false)]);
        }

        if (access.Workspace is { } workspace)
        {
            args.AddRange(["--volume", Volume(workspace, writable: true)]);
        }
    }

    private IEnumerable<(string Name, string Value)> Environment()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = access.Workspace ?? "/tmp",
            ["TMPDIR"] = "/tmp",
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (name, value) in settings.CommandEnvironment)
        {
            values[name] = value;
        }

        return values.Select(kv => (kv.Key, kv.Value));
    }

    // Commands run as the user running MassGen, so the files they write in the workspace are that user's; never root.
    private static string User() =>
        PosixUser.UserId is { } uid && uid != 0 && PosixUser.GroupId is { } gid
            ? string.Create(CultureInfo.InvariantCulture, $"{uid}:{gid}")
            : NobodyUser;

    private static string Volume(string path, bool writable) => $"{path}:{path}:{(writable ? "rw" : "ro")}";

    private static string Ulimit(string name, long value) => string.Create(CultureInfo.InvariantCulture, $"{name}={value}:{value}");

    private sealed class Launch(ProcessStartInfo startInfo, string docker, string name) : CommandLaunch
    {
        public override ProcessStartInfo StartInfo => startInfo;

        // Killing the docker client does not stop its container: the container is killed by name (with --rm, Docker
        // then removes it), and the client after it.
        public override void KillTree(Process process)
        {
            try
            {
                using var kill = Process.Start(new ProcessStartInfo(docker)
                {
                    ArgumentList = { "kill", name },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                if (kill is not null && !kill.WaitForExit(10_000))
                {
                    kill.Kill();
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // docker is gone: nothing more can be done for the container.
            }

            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
