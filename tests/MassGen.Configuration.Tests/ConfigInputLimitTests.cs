using System.Diagnostics;
using System.Text;

namespace MassGen.Configuration.Tests;

public sealed class ConfigInputLimitTests
{
    /// <summary>The classic "billion laughs": nine levels of nine aliases, 342 bytes that expand to 9^9 values.</summary>
    internal const string AliasBomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;

    private const string TooManyValues = "the document has more than 100000 values once its aliases are expanded (aliases of aliases?); a configuration is far smaller";
    private const string TooDeep = "the document nests more than 64 levels deep; a configuration is never this deep (a recursive alias, or a file that is not a configuration?)";

    [Fact]
    public void LoadText_AliasBomb_StopsAtTheNodeLimitWithTheLine()
    {
        var result = ConfigTestHelper.Load(AliasBomb);

        Assert.Null(result.Config);
        Assert.Equal(["line 6: " + TooManyValues], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_FlowNestedFiftyThousandDeep_IsRejectedWithTheLineNotAStackOverflow()
    {
        var text = "agents:\n  - " + new string('[', 50_000) + new string(']', 50_000) + "\n";

        var result = ConfigTestHelper.Load(text);

        Assert.Equal(["line 2: " + TooDeep], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_BlockSequenceNestedFiftyThousandDeep_IsRejectedWithTheLine()
    {
        var text = "ui:\n  x: 1\nagents:\n" + string.Concat(Enumerable.Repeat("- ", 50_000)) + "x\n";

        var result = ConfigTestHelper.Load(text);

        Assert.Equal(["line 4: " + TooDeep], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_JsonNestedFiftyThousandDeep_IsRejectedWithTheLine()
    {
        var text = "{\n\"agents\":\n" + new string('[', 50_000) + new string(']', 50_000) + "}";

        var result = ConfigTestHelper.LoadJson(text);

        Assert.Equal(["line 3: " + TooDeep], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_JsonHugeFlatList_StopsAtTheNodeLimit()
    {
        var text = "{\"agents\": [" + string.Join(",", Enumerable.Repeat("1", 150_000)) + "]}";

        var result = ConfigTestHelper.LoadJson(text);

        Assert.Equal(["line 1: " + TooManyValues], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_SixtyFourLevels_IsStillAccepted()
    {
        // 64 collections deep is the limit itself: the document root plus 63 nested lists.
        var text = "agents: []\nx: " + new string('[', 63) + new string(']', 63) + "\n";

        var result = ConfigTestHelper.Load(text);

        Assert.DoesNotContain(result.Report.Problems, p => p.Message == TooDeep);
    }

    [Fact]
    public void LoadText_LargerThanTheLimit_SaysTheLimit()
    {
        var result = ConfigTestHelper.Load(new string('#', (int)ConfigLimits.MaxFileBytes + 1));

        Assert.Equal(["the configuration is larger than the 4 MB limit (4194305 characters); check that this is the right file"], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadFile_LargerThanTheLimit_SaysTheLimitBeforeReadingIt()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.yaml", new string('#', (int)ConfigLimits.MaxFileBytes + 1));

        var ex = Assert.Throws<ConfigurationException>(() => Loader(folder).LoadFile(path));

        Assert.Equal($"{path} is larger than the 4 MB limit for a configuration; check that this is the right file.", ex.Message);
    }

    [Fact]
    public void LoadFile_DevZero_IsNotARegularFile()
    {
        Assert.True(File.Exists("/dev/zero"), "needs /dev/zero");

        var ex = Assert.Throws<ConfigurationException>(() => Loader(null).LoadFile("/dev/zero"));

        Assert.Equal("/dev/zero is not a regular file (a character device); a configuration must be a regular file.", ex.Message);
    }

    [Fact]
    public void LoadFile_Fifo_IsNotARegularFileAndDoesNotBlock()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "team.yaml");
        Assert.True(MakeFifo(fifo), "needs mkfifo");

        var ex = Assert.Throws<ConfigurationException>(() => Loader(folder).LoadFile(fifo));

        Assert.Equal($"{fifo} is not a regular file (a FIFO); a configuration must be a regular file.", ex.Message);
    }

    [Fact]
    public void LoadFile_Folder_SaysItIsAFolder()
    {
        using var folder = new TempFolder();

        var ex = Assert.Throws<ConfigurationException>(() => Loader(folder).LoadFile(folder.Path));

        Assert.Equal($"{folder.Path} is a folder, not a file; give the path of the configuration file.", ex.Message);
    }

    [Fact]
    public void Report_ManyProblems_ListsFiftyThenSaysHowManyMore()
    {
        var yaml = new StringBuilder("agents: []\n");
        for (var i = 0; i < 1_000; i++)
        {
            yaml.Append("unknown_").Append(i).Append(": 1\n");
        }

        var report = ConfigTestHelper.Load(yaml.ToString()).Report;
        var lines = report.ToString().Split('\n');

        Assert.Equal(1_001, report.Problems.Count);
        Assert.Equal("test.yaml: 1001 errors, 0 warnings", lines[0]);
        Assert.Equal(52, lines.Length);
        Assert.Equal("  and 951 more", lines[^1]);
        Assert.Equal(51, report.ErrorLines().Count);
        Assert.Equal("and 951 more", report.ErrorLines()[^1]);
    }

    [Theory]
    [InlineData("timeout_settings: { orchestrator_timeout_seconds: 1e308 }", "timeout_settings.orchestrator_timeout_seconds (line 1): must be greater than 0 and at most 31536000; got 1E+308")]
    [InlineData("timeout_settings: { orchestrator_timeout_seconds: .inf }", "timeout_settings.orchestrator_timeout_seconds (line 1): must be greater than 0 and at most 31536000; got Infinity")]
    [InlineData("timeout_settings: { orchestrator_timeout_seconds: .nan }", "timeout_settings.orchestrator_timeout_seconds (line 1): must be greater than 0 and at most 31536000; got NaN")]
    [InlineData("orchestrator: { agent_turn_timeout_seconds: 1e12 }", "orchestrator.agent_turn_timeout_seconds (line 1): must be greater than 0 and at most 31536000; got 1000000000000")]
    [InlineData("budget: { max_total_tokens: 99999999999999999999 }", "budget.max_total_tokens (line 1): must be at least 1; got 99999999999999999999")]
    [InlineData("budget: { max_cost_usd: .inf }", "budget.max_cost_usd (line 1): must be greater than 0 and at most 1000000; got Infinity")]
    [InlineData("orchestrator: { max_decision_retries: 1e3 }", "orchestrator.max_decision_retries (line 1): must be a whole number; got 1e3")]
    public void LoadText_NumberOutOfRange_NamesKeyLineAndRange(string section, string expected)
    {
        var result = ConfigTestHelper.Load("agents: [ { id: a, backend: { type: openai, model: gpt-5-mini } } ]\n" + section.Replace("(line 1)", "(line 2)"));

        Assert.Equal([expected.Replace("(line 1)", "(line 2)")], ConfigTestHelper.ErrorLines(result));
    }

    [Fact]
    public void LoadText_IdleTimeoutHuge_NamesKeyLineAndRange()
    {
        var result = ConfigTestHelper.Load("agents:\n  - id: a\n    backend: { type: openai, model: gpt-5-mini, idle_timeout: 1e308 }\n");

        Assert.Equal(["agents[0].backend.idle_timeout (line 3): must be greater than 0 and at most 31536000; got 1E+308"], ConfigTestHelper.ErrorLines(result));
    }

    [Fact]
    public void LoadText_JsonNumberBeyondDouble_NamesKeyLineAndRange()
    {
        var result = ConfigTestHelper.LoadJson("{\n\"agents\": [ { \"id\": \"a\", \"backend\": { \"type\": \"openai\" } } ],\n\"timeout_settings\": { \"orchestrator_timeout_seconds\": 1e400 }\n}");

        Assert.Equal(["timeout_settings.orchestrator_timeout_seconds (line 3): must be greater than 0 and at most 31536000; got Infinity"], ConfigTestHelper.ErrorLines(result));
    }

    [Fact]
    public void EnvironmentLoad_DotEnvTooLarge_IsIgnoredWithAWarningSayingTheLimit()
    {
        using var folder = new TempFolder();
        var path = folder.Write(".env", "A=1\n" + new string('#', (int)ConfigLimits.MaxEnvFileBytes));

        var environment = ConfigEnvironment.Load(new Dictionary<string, string>(), folder.Path, null);

        Assert.Null(environment.Get("A"));
        Assert.Equal([$"{path} is larger than the 1 MB limit for a .env file; check that this is the right file. It is ignored."], environment.Warnings);
    }

    [Fact]
    public void EnvironmentLoad_DotEnvIsAFifo_IsIgnoredWithAWarningAndDoesNotBlock()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, ".env");
        Assert.True(MakeFifo(fifo), "needs mkfifo");

        var environment = ConfigEnvironment.Load(new Dictionary<string, string>(), folder.Path, null);

        Assert.Equal([$"{fifo} is not a regular file (a FIFO); a .env file must be a regular file. It is ignored."], environment.Warnings);
    }

    private static ConfigLoader Loader(TempFolder? folder) =>
        new(new ConfigEnvironment(ConfigTestHelper.AllKeys), folder?.Path ?? Path.GetTempPath());

    internal static bool MakeFifo(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false });
            process!.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
