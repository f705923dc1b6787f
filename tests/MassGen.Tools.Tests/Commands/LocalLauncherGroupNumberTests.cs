using System.Diagnostics;
using System.Globalization;
using MassGen.Testing;
using MassGen.Tools.Commands;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.Commands;

/// <summary>
/// <c>local</c> mode signals a command's process group by its number when the command ends. Once the group has
/// emptied, the number is free and can belong to another program's group by then; that group must be left alone.
/// </summary>
[Collection(ProcessNumberUsers.Name)]
public sealed class LocalLauncherGroupNumberTests
{
    // Other programs of the machine start processes too and may take the chosen number first.
    private const int Attempts = 200;

    [PidChoosingFact(Timeout = TestTimeouts.Default)]
    public async Task DisposeAsync_GroupNumberNowAnotherSessions_ThatSessionLeftAlone()
    {
        using var folder = new TempFolder();
        using var launcher = new LocalLauncher();
        using var command = new Process();
        var launch = launcher.Prepare("true", folder.Path, isFinalPresentation: false);
        command.StartInfo = launch.StartInfo;
        command.Start();
        launch.OnStarted(command);
        await command.WaitForExitAsync();

        // The command's group is empty and its leader reaped: its number is free, and a new session takes it.
        using var stranger = await StartSessionLeaderAsync(pid: command.Id);
        await launch.DisposeAsync();

        await stranger.StandardInput.WriteLineAsync("still here");
        Assert.Equal("still here", await stranger.StandardOutput.ReadLineAsync());
        await stranger.WaitForExitAsync();
    }

    // Starts `sh` in a session of its own whose id (and group id) is pid; it echoes one line, then ends.
    private static async Task<Process> StartSessionLeaderAsync(int pid)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await File.WriteAllTextAsync("/proc/sys/kernel/ns_last_pid", (pid - 1).ToString(CultureInfo.InvariantCulture));
            var leader = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", "echo ready; read line; echo \"$line\""])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
            })!;
            if (leader.Id == pid)
            {
                Assert.Equal("ready", await leader.StandardOutput.ReadLineAsync());
                return leader;
            }

            // Another process of the machine took the number first.
            leader.Kill();
            await leader.WaitForExitAsync();
            leader.Dispose();
        }

        throw new InvalidOperationException($"pid {pid} could not be given to a new process in {Attempts} attempts");
    }
}
