using System.Runtime.InteropServices;

namespace MassGen.Tools.Internal;

/// <summary>
/// Runs a cleanup when the host is asked to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT), then lets the signal's normal
/// handling go on (a Ctrl+C handler of the application still runs; an unhandled signal still ends the process).
/// </summary>
internal static class ExitSignals
{
    public static PosixSignalRegistration[] Register(Action<PosixSignal> cleanup)
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, context => cleanup(context.Signal)));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every signal exists on every platform (Windows knows only some).
            }
        }

        return [.. registrations];
    }
}
