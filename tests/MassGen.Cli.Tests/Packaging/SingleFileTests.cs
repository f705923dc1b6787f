using System.Diagnostics;

namespace MassGen.Cli.Tests.Packaging;

/// <summary>
/// The self-contained linux-x64 single file, run where no .NET is installed (a bubblewrap sandbox that mounts an empty
/// folder over the .NET installation), through the CLI's end-to-end scenarios.
/// </summary>
public sealed class SingleFileTests
{
    private static PackagedProgram Program => PackagedProgram.Sandboxed(PackagedProgram.SingleFile!);

    [SingleFileFact]
    public async Task Sandbox_HidesDotnet_SoTheSingleFileRunsWithoutIt()
    {
        var start = new ProcessStartInfo(PackagedProgram.Bubblewrap!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var hidden in PackagedProgram.DotnetInstallations())
        {
            start.ArgumentList.Add("--tmpfs");
            start.ArgumentList.Add(hidden);
        }

        foreach (var argument in new[] { "/bin/sh", "-c", "dotnet --info" })
        {
            start.ArgumentList.Add(argument);
        }

        using var probe = Process.Start(start)!;
        var output = probe.StandardOutput.ReadToEndAsync();
        var error = probe.StandardError.ReadToEndAsync();
        await probe.WaitForExitAsync();

        Assert.True(probe.ExitCode != 0, "dotnet still runs inside the sandbox: " + await output + await error);
        Assert.NotEmpty(PackagedProgram.DotnetInstallations());
    }

    [SingleFileFact]
    public Task Version_WithoutDotnet_ShowsVersionAndRuntime() => PackagedScenarios.VersionAndHelpAsync(Program);

    [SingleFileFact]
    public Task Validate_ShippedExampleByName_FindsTheExamplesBesideTheFile() => PackagedScenarios.ValidateShippedExampleAsync(Program);

    [SingleFileFact]
    public Task Run_AgainstFakeServer_AnswersWithJsonResultEqualToLogs() => PackagedScenarios.AnswerWithJsonResultEqualToLogsAsync(Program);

    [SingleFileFact]
    public Task Run_Continue_SendsTheEarlierTurnToTheModel() => PackagedScenarios.ContinueSendsTheEarlierTurnAsync(Program);

    [SingleFileFact]
    public Task Run_EveryAgentFails_ExitsTwo() => PackagedScenarios.EveryAgentFailsExitsTwoAsync(Program);

    [SingleFileFact]
    public Task Validate_ConfigWithErrors_ExitsOneWithEveryProblem() => PackagedScenarios.ConfigWithErrorsListsEveryProblemAsync(Program);

    [SingleFileFact]
    public Task Init_NonInteractive_WritesConfigTheSingleFileValidates() => PackagedScenarios.InitThenValidateAsync(Program);

    [SingleFileFact]
    public Task Run_LocalAgent_LoadsTheModelWithTheShippedNativeLibraries() => PackagedScenarios.LocalAgentStreamsAsync(Program);

    [SingleFileFact]
    public async Task Run_LocalAgentWithoutNativeLibraries_FailsClearlyAndTheOtherAgentAnswers()
    {
        // The program alone, without the runtimes folder beside it that holds llama.cpp.
        var copy = Directory.CreateTempSubdirectory("massgen-no-native-").FullName;
        try
        {
            var single = PackagedProgram.SingleFile!;
            var file = Path.Combine(copy, Path.GetFileName(single));
            File.Copy(single, file);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(single));
            }

            Assert.True(Directory.Exists(Path.Combine(Path.GetDirectoryName(single)!, "runtimes", "linux-x64", "native")), "the published folder should carry llama.cpp");
            Assert.False(Directory.Exists(Path.Combine(copy, "runtimes")));

            await PackagedScenarios.LocalAgentWithoutNativeLibrariesAsync(PackagedProgram.Sandboxed(file), "linux-x64");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
