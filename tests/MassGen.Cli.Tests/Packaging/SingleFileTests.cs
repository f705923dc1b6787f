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
}
