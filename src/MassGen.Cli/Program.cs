using System.Runtime.InteropServices;
using MassGen.Cli;
using MassGen.Cli.Hosting;

// The first stop request asks the run to stop gracefully (best available answer, complete logs); a second one ends
// the process at once. Ctrl+C (SIGINT), SIGTERM (what `timeout`, systemd and container runtimes send) and SIGHUP (a
// closed terminal) are all stop requests; the exit code says which one came first: 130, 143 or 129.
using var graceful = new CancellationTokenSource();
var requests = 0;
var firstSignal = 0;

bool RequestStop(int signalNumber, string name)
{
    if (Interlocked.Increment(ref requests) > 1)
    {
        // Not cancelled: the runtime's default action for the signal ends the process.
        return false;
    }

    Interlocked.CompareExchange(ref firstSignal, signalNumber, 0);
    Console.Error.WriteLine();
    Console.Error.WriteLine($"Stopping ({name}): waiting for the best available answer. Send it again (or press Ctrl+C) to abort.");
    graceful.Cancel();
    return true;
}

// A signal registration rather than Console.CancelKeyPress, which sets up the terminal (about 12 ms) on every start.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = RequestStop(2, "Ctrl+C"));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = RequestStop(15, "SIGTERM"));
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => context.Cancel = RequestStop(1, "SIGHUP"));

var host = CliHost.FromProcess(consoleOnStandardError: args.Contains("--json"));
host.Timeline?.Mark("main");
var exit = await new MassGenApp(host).RunAsync(args, graceful.Token);
host.Timeline?.Mark("exit");
return exit == ExitCodes.Interrupted ? ExitCodes.ForSignal(firstSignal) : exit;
