using MassGen.Evaluation.Scoring;
using MassGen.Testing;

namespace MassGen.Evaluation.Tests.Scoring;

public sealed class ScoreCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ScoreCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_Help_PrintsUsageAndSucceeds()
    {
        var (code, output, _) = Run("score", "--help");
        Assert.Equal(0, code);
        Assert.Contains("massgen score ifeval --input", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "missing the benchmark")]
    [InlineData(new[] { "mmlu" }, "unknown benchmark 'mmlu'")]
    [InlineData(new[] { "ifeval", "--input", "a.jsonl", "--responses", "b.jsonl" }, "score ifeval needs --output")]
    [InlineData(new[] { "gsm8k", "--input" }, "option --input needs a value")]
    [InlineData(new[] { "gsm8k", "--in", "x" }, "unknown option '--in'")]
    [InlineData(new[] { "choice", "--input", "a", "--input", "b" }, "option --input is given twice")]
    public void Run_BadUsage_ExitsOneWithReasonAndUsage(string[] args, string reason)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(1, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InputFileMissing_ExitsOneNamingTheFile()
    {
        using var folder = new TempFolder();
        var (code, _, error) = Run("gsm8k", "--input", folder.File("nope.jsonl"), "--responses", folder.File("r.jsonl"));
        Assert.Equal(1, code);
        Assert.Contains("File not found:", error, StringComparison.Ordinal);
        Assert.Contains("nope.jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedLine_ExitsOneNamingFileAndLine()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("in.jsonl"), "{\"question\": \"q\", \"answer\": \"#### 1\"}\n{not json\n");
        File.WriteAllText(folder.File("r.jsonl"), "");
        var (code, _, error) = Run("gsm8k", "--input", folder.File("in.jsonl"), "--responses", folder.File("r.jsonl"));
        Assert.Equal(1, code);
        Assert.Contains("in.jsonl:2: not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_IfEvalSmallFile_WritesBothOutputsAndPrintsTable()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("in.jsonl"),
            """{"key": 1, "prompt": "Say hi without commas.", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}""" + "\n");
        File.WriteAllText(folder.File("r.jsonl"), """{"prompt": "Say hi without commas.", "response": "Hi there"}""" + "\n");
        var (code, output, error) = Run("score", "ifeval", "--input", folder.File("in.jsonl"), "--responses", folder.File("r.jsonl"), "--output", folder.File("out"));
        Assert.True(code == 0, error);
        Assert.Contains("prompt-level        1/1 100.00 %", output, StringComparison.Ordinal);
        Assert.Contains("punctuation         1/1 100.00 %", output, StringComparison.Ordinal);
        Assert.Equal(
            """{"follow_all_instructions": true, "follow_instruction_list": [true], "instruction_id_list": ["punctuation:no_comma"], "prompt": "Say hi without commas.", "response": "Hi there"}""" + "\n",
            File.ReadAllText(folder.File("out/eval_results_strict.jsonl")));
        Assert.True(File.Exists(folder.File("out/eval_results_loose.jsonl")));
    }

    [DatasetsFact]
    public void Run_CurrentInputWithGpt4Responses_FailsNamingKey2785AndWritesNothing()
    {
        using var folder = new TempFolder();
        var outputDir = folder.File("out");
        var (code, output, error) = Run(
            "ifeval",
            "--input", TestDatasets.PathOf("ifeval/input_data.jsonl"),
            "--responses", TestDatasets.PathOf("ifeval/input_response_data_gpt4_20231107_145030.jsonl"),
            "--output", outputDir);
        Assert.Equal(1, code);
        Assert.Contains("Missing responses for input task keys: [2785]", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.False(Directory.Exists(outputDir));
    }

    [DatasetsFact]
    public void Run_ReferencePair_PrintsTheFourAccuracies()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Run(
            "ifeval",
            "--input", TestDatasets.PathOf("ifeval/input_data_gpt4_20231107_145030.jsonl"),
            "--responses", TestDatasets.PathOf("ifeval/input_response_data_gpt4_20231107_145030.jsonl"),
            "--output", folder.Path);
        Assert.True(code == 0, error);
        Assert.Contains("prompt-level        417/541 77.08 %     431/541 79.67 %", output, StringComparison.Ordinal);
        Assert.Contains("instruction-level   698/834 83.69 %     714/834 85.61 %", output, StringComparison.Ordinal);
        Assert.Equal(541, File.ReadAllLines(folder.File("eval_results_strict.jsonl")).Length);
        Assert.Equal(541, File.ReadAllLines(folder.File("eval_results_loose.jsonl")).Length);
    }
}
