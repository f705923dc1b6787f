using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>The one test that starts the real program: arguments, streams and exit codes through a real process.</summary>
public sealed class ProcessSmokeTests
{
    [Fact(Timeout = TestTimeouts.Process)]
    public async Task Main_HelpThenQuestionWithNothingConfigured_ExitCodesZeroAndOne()
    {
        var work = Directory.CreateTempSubdirectory("massgen-smoke-").FullName;
        try
        {
            var (helpExit, helpOutput, _) = await RunAsync(work, "--help");
            var (runExit, _, runError) = await RunAsync(work, "What is 2+2?");

            Assert.Equal(0, helpExit);
            Assert.Contains("validate <file>", helpOutput);
            Assert.Contains("--orchestrator-timeout", helpOutput);
            Assert.Equal(1, runExit);
            Assert.StartsWith("No model is available, so there is no team to run.", runError);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string workingDirectory, params string[] arguments)
    {
        // No keys, no user config: the machine offers nothing (local servers are probed and absent on a test machine).
        using var process = MassGenProcess.Start(workingDirectory, redirectOutput: true, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
