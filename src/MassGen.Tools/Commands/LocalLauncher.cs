using System.Diagnostics;

namespace MassGen.Tools.Commands;

/// <summary>
/// <c>local</c> mode: the command runs on this machine as the user running MassGen, in its own process group, with the
/// host environment minus variables whose names look like credentials. No isolation beyond the text check.
/// </summary>
internal sealed class LocalLauncher : ICommandLauncher
{
    public static LocalLauncher Instance { get; } = new();

    public CommandLaunch Prepare(string command, string workDirectory, bool isFinalPresentation) =>
        new Launch(ProcessGroups.CreateShellStartInfo(command, workDirectory));

    private sealed class Launch(ProcessStartInfo startInfo) : CommandLaunch
    {
        private int? _processId;

        public override ProcessStartInfo StartInfo => startInfo;

        public override void OnStarted(Process process)
        {
            _processId = process.Id;
            ProcessGroups.Track(process);
        }

        public override void KillTree(Process process) => ProcessGroups.KillTree(process);

        public override ValueTask DisposeAsync()
        {
            if (_processId is { } id)
            {
                ProcessGroups.Untrack(id);
            }

            return ValueTask.CompletedTask;
        }
    }
}
