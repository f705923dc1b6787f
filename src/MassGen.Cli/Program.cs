using MassGen.Cli;
using MassGen.Cli.Hosting;

// The first Ctrl+C asks the run to stop gracefully (best available answer, complete logs, exit code 130);
// the second one ends the process at once.
using var graceful = new CancellationTokenSource();
var presses = 0;
Console.CancelKeyPress += (_, e) =>
{
    if (Interlocked.Increment(ref presses) == 1)
    {
        e.Cancel = true;
        Console.Error.WriteLine();
        Console.Error.WriteLine("Stopping: waiting for the best available answer. Press Ctrl+C again to abort.");
        graceful.Cancel();
    }
    else
    {
        e.Cancel = false;
    }
};

var host = CliHost.FromProcess(consoleOnStandardError: args.Contains("--json"));
return await new MassGenApp(host).RunAsync(args, graceful.Token);
