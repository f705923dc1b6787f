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
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
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
}
