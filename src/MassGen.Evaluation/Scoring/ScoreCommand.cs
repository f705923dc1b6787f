using System.Globalization;
using MassGen.Evaluation.Choice;
using MassGen.Evaluation.Gsm8k;
using MassGen.Evaluation.IfEval;

namespace MassGen.Evaluation.Scoring;

/// <summary>
/// The <c>score</c> command: scores a response file against a benchmark input file without any LLM judge
/// and prints the accuracies. <c>massgen score …</c> passes its arguments here.
/// </summary>
public static class ScoreCommand
{
    /// <summary>The usage text printed for <c>--help</c> and after a usage error.</summary>
    public const string Usage = """
        Usage:
          massgen score ifeval --input INPUT.jsonl --responses RESPONSES.jsonl --output DIR
          massgen score gsm8k  --input TEST.jsonl  --responses RESPONSES.jsonl [--output DIR]
          massgen score choice --input ITEMS.json  --responses RESPONSES.jsonl [--output DIR]

        ifeval  INPUT lines are {key, prompt, instruction_id_list, kwargs}; RESPONSES lines are
                {prompt, response}, joined by the exact prompt text. Writes eval_results_strict.jsonl and
                eval_results_loose.jsonl to DIR and prints prompt- and instruction-level accuracy.
        gsm8k   INPUT lines are {question, answer} (the gold number after ####); RESPONSES lines are
                {question, response}, joined by the exact question text. Writes gsm8k_results.jsonl.
        choice  INPUT is a MuSR file (a JSON array of {context, questions: [{question, choices, answer}]})
                or JSON lines {id, question, choices, answer}; answer is the 0-based index of the right
                choice. A MuSR question's id is "STORY.QUESTION" (0-based, e.g. "0.2"). RESPONSES lines
                are {id, response}. Writes choice_results.jsonl.

        A response missing for any input is an error that lists the missing keys; nothing is written.
        Exit codes: 0 scored, 1 usage or data error.
        """;

    /// <summary>
    /// Runs the command. <paramref name="args"/> are the arguments after <c>massgen</c> or after
    /// <c>massgen score</c> (a leading <c>score</c> is accepted). Results go to <paramref name="output"/>,
    /// problems to <paramref name="error"/>.
    /// </summary>
    /// <returns>0 when scored; 1 on a usage or data error.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Usage);
            return 0;
        }

        var options = ScoreOptions.Parse(args, out var problem);
        if (options is null)
        {
            error.WriteLine($"error: {problem}");
            error.WriteLine();
            error.WriteLine(Usage);
            return 1;
        }

        return Score(options.Benchmark, options.Input, options.Responses, options.Output, output, error);
    }

    /// <summary>
    /// Scores <paramref name="responses"/> against the <paramref name="benchmark"/>'s <paramref name="input"/> file and
    /// prints the accuracies; the result files go to <paramref name="outputDirectory"/> when given (IFEval needs one).
    /// </summary>
    /// <returns>0 when scored; 1 on a data error (the message says what is wrong and where).</returns>
    public static int Score(string benchmark, string input, string responses, string? outputDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = new ScoreOptions(benchmark, input, responses, outputDirectory);
        if (benchmark == "ifeval" && outputDirectory is null)
        {
            error.WriteLine("error: score ifeval needs --output (the folder for eval_results_strict.jsonl and eval_results_loose.jsonl).");
            return 1;
        }

        try
        {
            switch (options.Benchmark)
            {
                case "ifeval":
                    ScoreIfEval(options, output);
                    break;
                case "gsm8k":
                    Report(ScoreSummary.From(Gsm8kScorer.Score(Gsm8kData.ReadItems(options.Input), Gsm8kData.ReadResponses(options.Responses))), options, output);
                    break;
                case "choice":
                    Report(ScoreSummary.From(ChoiceScorer.Score(ChoiceData.ReadQuestions(options.Input), ChoiceData.ReadResponses(options.Responses))), options, output);
                    break;
                default:
                    error.WriteLine($"error: unknown benchmark '{benchmark}'; expected ifeval, gsm8k or choice.");
                    return 1;
            }

            return 0;
        }
        catch (EvaluationDataException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static void ScoreIfEval(ScoreOptions options, TextWriter output)
    {
        var prompts = IfEvalData.ReadPrompts(options.Input);
        var responses = IfEvalData.ReadResponses(options.Responses);
        var scorer = new IfEvalScorer();

        // Both modes are scored before anything is written, so a data error leaves no partial output.
        var strict = scorer.Score(prompts, responses, IfEvalMode.Strict);
        var loose = scorer.Score(prompts, responses, IfEvalMode.Loose);
        Directory.CreateDirectory(options.Output!);
        var strictPath = Path.Combine(options.Output!, "eval_results_strict.jsonl");
        var loosePath = Path.Combine(options.Output!, "eval_results_loose.jsonl");
        IfEvalResultsFile.Write(strictPath, strict);
        IfEvalResultsFile.Write(loosePath, loose);
        IfEvalReport.Write(output, IfEvalAccuracy.Of(strict), IfEvalAccuracy.Of(loose));
        output.WriteLine($"wrote {strictPath}");
        output.WriteLine($"wrote {loosePath}");
    }

    private static void Report(ScoreSummary summary, ScoreOptions options, TextWriter output)
    {
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Benchmark}: {summary.Correct}/{summary.Total} correct = {Percent(summary.Correct, summary.Total)}, unparseable {summary.Unparseable}"));
        if (options.Output is not null)
        {
            Directory.CreateDirectory(options.Output);
            var path = Path.Combine(options.Output, summary.Benchmark + "_results.jsonl");
            File.WriteAllLines(path, summary.ResultLines);
            output.WriteLine($"wrote {path}");
        }
    }

    internal static string Percent(int part, int whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{(whole == 0 ? 0 : 100.0 * part / whole):0.00} %");
}
