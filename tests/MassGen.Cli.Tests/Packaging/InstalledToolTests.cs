using System.Diagnostics;

namespace MassGen.Cli.Tests.Packaging;

/// <summary>
/// The massgen tool package installed with <c>dotnet tool install</c> into a temporary tool path, then run from folders
/// outside the repository.
/// </summary>
public sealed class InstalledToolTests : IClassFixture<InstalledToolTests.Installation>
{
    private readonly Installation _installation;

    public InstalledToolTests(Installation installation)
    {
        _installation = installation;
    }

    [ToolPackageFact]
    public async Task Install_FromPackageFolder_PutsMassgenCommandOnTheToolPath() =>
        Assert.True(File.Exists(await _installation.CommandAsync()));

    [ToolPackageFact]
    public async Task Version_InstalledTool_ShowsVersionAndRuntime() => await PackagedScenarios.VersionAndHelpAsync(await _installation.ProgramAsync());

    [ToolPackageFact]
    public async Task Validate_ShippedExampleByName_FindsItInTheToolPackage() => await PackagedScenarios.ValidateShippedExampleAsync(await _installation.ProgramAsync());

    [ToolPackageFact]
    public async Task Run_AgainstFakeServer_AnswersWithJsonResultEqualToLogs() => await PackagedScenarios.AnswerWithJsonResultEqualToLogsAsync(await _installation.ProgramAsync());

    /// <summary>Installs the tool once for the class; removed with its temporary tool path.</summary>
    public sealed class Installation : IDisposable
    {
        private readonly string _toolPath = Directory.CreateTempSubdirectory("massgen-tool-").FullName;
        private readonly SemaphoreSlim _once = new(1, 1);
        private string? _command;

        internal async Task<PackagedProgram> ProgramAsync() => PackagedProgram.Direct(await CommandAsync());

        public async Task<string> CommandAsync()
        {
            await _once.WaitAsync();
            try
            {
                return _command ??= await InstallAsync();
            }
            finally
            {
                _once.Release();
            }
        }

        public void Dispose()
        {
            _once.Dispose();
            Directory.Delete(_toolPath, recursive: true);
        }

        private async Task<string> InstallAsync()
        {
            var package = PackagedProgram.ToolPackage!;
            var version = Path.GetFileNameWithoutExtension(package)["massgen.".Length..];
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "tool", "install", "massgen", "--tool-path", _toolPath, "--add-source", Path.GetDirectoryName(package)!, "--version", version })
            {
                start.ArgumentList.Add(argument);
            }

            using var install = Process.Start(start)!;
            var output = install.StandardOutput.ReadToEndAsync();
            var error = install.StandardError.ReadToEndAsync();
            await install.WaitForExitAsync();
            Assert.True(install.ExitCode == 0, $"dotnet tool install failed: {await output}{await error}");
            return Path.Combine(_toolPath, OperatingSystem.IsWindows() ? "massgen.exe" : "massgen");
        }
    }
}
