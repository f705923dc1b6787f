using System.Diagnostics;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Completion;

/// <summary>Shell completion: the scripts, and the completions the program gives them through <c>[suggest:N]</c>.</summary>
public sealed class CompletionTests
{
    private static readonly string s_examples = Path.Combine(AppContext.BaseDirectory, "examples");

    private static async Task<List<string>> SuggestAsync(TestHost test, string line)
    {
        test.Output.GetStringBuilder().Clear();
        var exit = await new MassGenApp(test.Host).RunAsync([$"[suggest:{line.Length}]", line]);
        Assert.True(exit == ExitCodes.Answered, test.Error.ToString());
        return [.. test.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("bash", "complete -o default -F _massgen_complete massgen")]
    [InlineData("zsh", "compdef _massgen massgen")]
    [InlineData("fish", "complete -c massgen -f -a '(__massgen_complete)'")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName massgen")]
    public async Task Completion_EachShell_PrintsScriptThatAsksTheProgramForSuggestions(string shell, string registration)
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host).RunAsync(["completion", shell]);

        Assert.Equal(ExitCodes.Answered, exit);
        var script = test.Output.ToString();
        Assert.Contains(registration, script);
        Assert.Contains("massgen \"[suggest:", script);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Completion_UnknownShell_ExitsOneNamingTheShells()
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host).RunAsync(["completion", "tcsh"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("bash", test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Suggest_AfterProgramName_ListsCommandsAndMainOptions()
    {
        using var test = new TestHost();

        var words = await SuggestAsync(test, "massgen ");

        Assert.Subset(words.ToHashSet(), new HashSet<string> { "init", "validate", "logs", "sessions", "completion", "--config", "--models", "--json", "--version" });
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Suggest_PartialOptionAndSubcommandOptions_CompleteThem()
    {
        using var test = new TestHost();

        Assert.Equal(["--config"], await SuggestAsync(test, "massgen --conf"));
        Assert.Contains("--non-interactive", await SuggestAsync(test, "massgen init --n"));
        Assert.Subset((await SuggestAsync(test, "massgen completion ")).ToHashSet(), new HashSet<string> { "bash", "fish", "pwsh", "zsh" });
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Suggest_ConfigValue_OffersShippedExamplesAndConfigFilesAndFolders()
    {
        using var test = new TestHost(variables: new Dictionary<string, string> { ["MASSGEN_EXAMPLES_DIR"] = s_examples });
        Directory.CreateDirectory(Path.Combine(test.WorkingDirectory, "teams"));
        File.WriteAllText(Path.Combine(test.WorkingDirectory, "teams", "review.yaml"), "");
        File.WriteAllText(Path.Combine(test.WorkingDirectory, "notes.txt"), "");

        var examples = await SuggestAsync(test, "massgen --config @examples/s");
        var folder = await SuggestAsync(test, "massgen validate te");
        var files = await SuggestAsync(test, "massgen -c teams/");

        Assert.Equal(["@examples/single-agent"], examples);
        Assert.Equal(["teams/"], folder);
        Assert.Equal(["teams/review.yaml"], files);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Suggest_ModelValues_ComeFromTheCatalog()
    {
        using var test = new TestHost();

        Assert.Contains("claude-sonnet-4-5", await SuggestAsync(test, "massgen --model claude-s"));
        Assert.Contains("gpt-5-mini,gemini-2.5-flash", await SuggestAsync(test, "massgen --models gpt-5-mini,gem"));
        Assert.Contains("ollama", await SuggestAsync(test, "massgen --backend oll"));
        Assert.Contains("claude", await SuggestAsync(test, "massgen init --provider cl"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Suggest_ResumeRun_OffersTheLoggedRunIds()
    {
        using var test = new TestHost();
        foreach (var id in new[] { "20260101-100000-aaaaaa", "20260102-100000-bbbbbb", "20251231-100000-cccccc" })
        {
            Directory.CreateDirectory(Path.Combine(test.LogsRoot, id));
        }

        var all = await SuggestAsync(test, "massgen resume ");
        var some = await SuggestAsync(test, "massgen resume 2026");

        Assert.Equal(["20251231-100000-cccccc", "20260101-100000-aaaaaa", "20260102-100000-bbbbbb"], all.Where(s => s.StartsWith("20", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["20260101-100000-aaaaaa", "20260102-100000-bbbbbb"], some.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.Process)]
    public async Task BashScript_InRealBash_CompletesOptionsAndExamplesFromTheProgram()
    {
        if (!File.Exists("/bin/bash") || OperatingSystem.IsWindows())
        {
            return;
        }

        var bin = Directory.CreateTempSubdirectory("massgen-completion-").FullName;
        try
        {
            // `massgen` on the PATH, as an installed tool would be.
            var launcher = Path.Combine(bin, "massgen");
            File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "massgen.dll")}\" \"$@\"\n");
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var script = """
                source <(massgen completion bash)
                complete -p massgen
                COMP_LINE='massgen --conf'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(massgen --conf); COMP_CWORD=1
                _massgen_complete; printf 'option:%s\n' "${COMPREPLY[@]}"
                COMP_LINE='massgen validate @examples/single'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(massgen validate @examples/single); COMP_CWORD=2
                _massgen_complete; printf 'example:%s\n' "${COMPREPLY[@]}"
                """;
            var start = new ProcessStartInfo("/bin/bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = bin };
            start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            start.Environment["MASSGEN_EXAMPLES_DIR"] = s_examples;
            using var bash = Process.Start(start)!;
            await bash.StandardInput.WriteAsync(script);
            bash.StandardInput.Close();
            var output = bash.StandardOutput.ReadToEndAsync();
            var error = bash.StandardError.ReadToEndAsync();
            await bash.WaitForExitAsync();

            var lines = (await output).Split('\n');
            Assert.True(lines.Contains("option:--config"), await output + await error);
            Assert.Contains("example:@examples/single-agent", lines);
            Assert.Contains("complete -o default -F _massgen_complete massgen", lines);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }
}
