using System.CommandLine;
using MassGen.Cli.Hosting;

namespace MassGen.Cli.Commands;

/// <summary><c>massgen score ifeval|gsm8k|choice</c>: the subcommands, wired to MassGen.Evaluation's scorers.</summary>
internal static class ScoreCommandLine
{
    public static Command Build(CliHost host)
    {
        var score = new Command("score", "Score benchmark responses (ifeval, gsm8k, choice) without an LLM judge.");
        score.Add(Benchmark(host, "ifeval", "IFEval: INPUT lines {key, prompt, instruction_id_list, kwargs}, RESPONSES lines {prompt, response}; writes eval_results_strict.jsonl and eval_results_loose.jsonl.", outputRequired: true));
        score.Add(Benchmark(host, "gsm8k", "GSM8K: INPUT lines {question, answer} (gold after ####), RESPONSES lines {question, response}; writes gsm8k_results.jsonl with --output.", outputRequired: false));
        score.Add(Benchmark(host, "choice", "Multiple choice: INPUT a MuSR file or lines {id, question, choices, answer}, RESPONSES lines {id, response}; writes choice_results.jsonl with --output.", outputRequired: false));
        return score;
    }

    private static Command Benchmark(CliHost host, string name, string description, bool outputRequired)
    {
        var input = new Option<string>("--input") { Description = "The benchmark's input file.", Required = true };
        var responses = new Option<string>("--responses") { Description = "The responses to score (JSON lines).", Required = true };
        var output = new Option<string?>("--output") { Description = "Folder for the per-item results.", Required = outputRequired };
        var command = new Command(name, description) { input, responses, output };
        command.SetAction(parse => Score(host, name, Resolve(host, parse.GetValue(input)!), Resolve(host, parse.GetValue(responses)!), parse.GetValue(output) is { } folder ? Resolve(host, folder) : null));
        return command;
    }

    private static string Resolve(CliHost host, string path) => Path.GetFullPath(Path.Combine(host.WorkingDirectory, path));

    // Apart so that MassGen.Evaluation (and its language models) loads only when scoring: the JIT loads what a method
    // names when it compiles it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Score(CliHost host, string benchmark, string input, string responses, string? output) =>
        Evaluation.Scoring.ScoreCommand.Score(benchmark, input, responses, output, host.Output, host.Error);
}
