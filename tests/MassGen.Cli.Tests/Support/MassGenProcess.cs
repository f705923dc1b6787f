using System.Diagnostics;

namespace MassGen.Cli.Tests.Support;

/// <summary>Starts the real built <c>massgen</c> in its own process, as a user's shell would.</summary>
internal static class MassGenProcess
{
    /// <summary>
    /// Starts <c>massgen</c> in <paramref name="workingDirectory"/> with no API keys, no MassGen variables and that folder
    /// as HOME, so nothing of the machine's own configuration leaks in; standard input is closed at once.
    /// </summary>
    public static Process Start(string workingDirectory, bool redirectOutput, params string[] arguments) =>
        Start(workingDirectory, redirectOutput, new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="Start(string, bool, string[])"/>, with <paramref name="variables"/> set in its environment.</summary>
    public static Process Start(string workingDirectory, bool redirectOutput, IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        // An ignored signal stays ignored across exec, and massgen (rightly) leaves SIGHUP alone when it starts ignoring
        // it, as under nohup. Tests started that way (nohup, some CI agents) would hand that on: the child gets SIGHUP's
        // default back, as from a user's shell.
        var resetHangUp = HangUpIgnoredHere();
        var start = new ProcessStartInfo(resetHangUp ? "env" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (resetHangUp)
        {
            start.ArgumentList.Add("--default-signal=HUP");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "massgen.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = workingDirectory;
        foreach (var name in start.Environment.Keys.Where(k => k.EndsWith("_API_KEY", StringComparison.Ordinal) || k.StartsWith("MASSGEN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Whether this process ignores SIGHUP (bit 0 of SigIgn in /proc/self/status), as its children then would.</summary>
    private static bool HangUpIgnoredHere()
    {
        const string StatusFile = "/proc/self/status";
        if (!File.Exists(StatusFile))
        {
            return false;
        }

        var ignored = File.ReadLines(StatusFile).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return ignored is not null && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & 1) != 0;
    }
}
