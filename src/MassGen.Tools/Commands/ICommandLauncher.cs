namespace MassGen.Tools.Commands;

/// <summary>Turns a command line into a process to start: locally, in a bubblewrap sandbox or in a container.</summary>
internal interface ICommandLauncher
{
    /// <summary>Prepares <paramref name="command"/> to run in <paramref name="workDirectory"/> (resolved, already allowed).</summary>
    CommandLaunch Prepare(string command, string workDirectory, bool isFinalPresentation);
}
