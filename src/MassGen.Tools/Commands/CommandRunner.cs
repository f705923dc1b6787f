using System.Diagnostics;

namespace MassGen.Tools.Commands;

/// <summary>
/// Runs one shell command line through its launcher (a bubblewrap sandbox, a container, or locally), standard input closed, output captured and truncated, a time
/// limit measured on an injected <see cref="TimeProvider"/>, and the whole process tree killed on timeout or
/// cancellation.
/// </summary>
internal sealed class CommandRunner(TimeProvider timeProvider, int maxOutputCharacters, ICommandLauncher? launcher = null)
{
    private readonly ICommandLauncher _launcher = launcher ?? new LocalLauncher();

    /// <summary>Test hook: called with the process id as soon as the process has started.</summary>
    internal Action<int>? ProcessStarted { get; init; }

    /// <summary>Test hook: called with each chunk of output as it arrives.</summary>
    internal Action<string>? OutputReceived { get; init; }

    public Task<CommandResult> RunAsync(string command, string workDirectory, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync(command, workDirectory, timeout, isFinalPresentation: false, cancellationToken);

    public async Task<CommandResult> RunAsync(string command, string workDirectory, TimeSpan timeout, bool isFinalPresentation, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var capture = new OutputCapture(maxOutputCharacters);
        // The process object outlives the launch, so the launch's clean-up can still ask whether the command ended.
        using var process = new Process();
        await using var launch = _launcher.Prepare(command, workDirectory, isFinalPresentation);
        process.StartInfo = launch.StartInfo;
        await ProcessStarter.RunAsync(process.Start);
        launch.OnStarted(process);

        // Armed before anything of the command is seen (its first output, the test hooks), so a clock moved on by
        // whoever saw it always finds the time limit running.
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            process.StandardInput.Close();
            var readers = Task.WhenAll(PumpAsync(process.StandardOutput, capture), PumpAsync(process.StandardError, capture));
            ProcessStarted?.Invoke(process.Id);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                launch.KillTree(process);
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
            }

            // The pipes close once every process holding them is gone. Bounded on the real clock on purpose: a process
            // that escaped its group must not hang the turn, whatever clock drives the time limit.
            try
            {
                await readers.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                capture.Append("\n[output reading stopped: a process kept the output open after the command ended]");
            }

            if (timedOut)
            {
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
            }

            return new CommandResult(timedOut ? null : process.ExitCode, timedOut, capture.Render(), timeProvider.GetElapsedTime(started));
        }
        finally
        {
            if (!process.HasExited)
            {
                launch.KillTree(process);
            }
        }
    }

    private async Task PumpAsync(StreamReader reader, OutputCapture capture)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            capture.Append(buffer.AsSpan(0, read));
            OutputReceived?.Invoke(new string(buffer, 0, read));
        }
    }
}
