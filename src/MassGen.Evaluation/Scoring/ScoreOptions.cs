namespace MassGen.Evaluation.Scoring;

/// <summary>The parsed <c>score</c> command line: the benchmark and its <c>--name value</c> options.</summary>
internal sealed record ScoreOptions(string Benchmark, string Input, string Responses, string? Output)
{
    private static readonly string[] s_benchmarks = ["ifeval", "gsm8k", "choice"];

    /// <summary>Parses the arguments; <see langword="null"/> with <paramref name="problem"/> set when they are invalid.</summary>
    public static ScoreOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        problem = null;
        var start = args.Count > 0 && args[0] == "score" ? 1 : 0;
        if (args.Count <= start)
        {
            problem = "missing the benchmark: ifeval, gsm8k or choice.";
            return null;
        }

        var benchmark = args[start];
        if (!s_benchmarks.Contains(benchmark, StringComparer.Ordinal))
        {
            problem = $"unknown benchmark '{benchmark}'; expected ifeval, gsm8k or choice.";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = start + 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--input" or "--responses" or "--output"))
            {
                problem = $"unknown option '{name}'; expected --input, --responses or --output.";
                return null;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"option {name} needs a value.";
                return null;
            }

            if (!values.TryAdd(name, args[++i]))
            {
                problem = $"option {name} is given twice.";
                return null;
            }
        }

        var required = benchmark == "ifeval" ? new[] { "--input", "--responses", "--output" } : ["--input", "--responses"];
        var absent = required.Where(r => !values.ContainsKey(r)).ToList();
        if (absent.Count > 0)
        {
            problem = $"score {benchmark} needs {string.Join(" and ", absent)}.";
            return null;
        }

        return new ScoreOptions(benchmark, values["--input"], values["--responses"], values.GetValueOrDefault("--output"));
    }
}
