using System.Diagnostics;

namespace MassGen.Tools.Sandboxing;

/// <summary>
/// Finds the <c>docker</c> program and checks that its daemon answers, so <c>docker</c> mode fails at start-up (and in
/// <c>massgen validate</c>) with what is wrong and how to fix it, not at the first command.
/// </summary>
public static class DockerTools
{
    private const string Alternative = "or set command_line_execution_mode: sandbox (bubblewrap, the default on Linux)";

    /// <summary>
    /// The path of a working <c>docker</c> program: <paramref name="executable"/>, or <c>docker</c> found on
    /// <paramref name="searchPath"/> (the <c>PATH</c> of this process when null).
    /// </summary>
    /// <exception cref="SandboxUnavailableException">Docker is not installed, cannot start, or its daemon does not answer.</exception>
    public static string Require(string? executable = null, string? searchPath = null)
    {
        var docker = executable ?? Find(searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "");
        if (docker is null || !File.Exists(docker))
        {
            throw new SandboxUnavailableException(
                $"command_line_execution_mode docker needs Docker, but {(docker is null ? "no docker program is on the PATH" : $"'{docker}' does not exist")}: install Docker (the docker CLI and a running daemon), {Alternative}.");
        }

        var info = new ProcessStartInfo(docker)
        {
            ArgumentList = { "version", "--format", "{{.Server.Version}}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                throw new SandboxUnavailableException($"command_line_execution_mode docker: '{docker} version' did not answer within 30 s; check that the Docker daemon runs, {Alternative}.");
            }

            if (process.ExitCode != 0 || output.Trim().Length == 0)
            {
                var reason = error.GetAwaiter().GetResult().Trim();
                throw new SandboxUnavailableException(
                    $"command_line_execution_mode docker: the Docker daemon cannot be reached ({(reason.Length > 0 ? reason : $"docker version exited with {process.ExitCode}")}); start Docker (or give your user access to it), {Alternative}.");
            }

            return docker;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SandboxUnavailableException($"command_line_execution_mode docker: '{docker}' cannot be started ({ex.Message}); reinstall Docker, {Alternative}.", ex);
        }
    }

    private static string? Find(string searchPath) =>
        searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Path.IsPathRooted)
            .Select(d => Path.Join(d, OperatingSystem.IsWindows() ? "docker.exe" : "docker"))
            .FirstOrDefault(File.Exists);
}
