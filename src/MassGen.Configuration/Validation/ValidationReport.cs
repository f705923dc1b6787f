using System.Globalization;
using System.Text;

namespace MassGen.Configuration;

/// <summary>Every problem found in one configuration, in file order (errors and warnings together).</summary>
public sealed class ValidationReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="source">The file (or a name for text) the problems refer to.</param>
    /// <param name="problems">The problems; they are ordered by line.</param>
    public ValidationReport(string source, IEnumerable<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Source = source;
        Problems = [.. problems.OrderBy(p => p.Line)];
    }

    /// <summary>The file (or a name for text) the problems refer to.</summary>
    public string Source { get; }

    /// <summary>Every problem, ordered by line.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The problems that prevent using the configuration.</summary>
    public IEnumerable<ConfigProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    /// <summary>The problems that do not prevent using it.</summary>
    public IEnumerable<ConfigProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);

    /// <summary>True when at least one problem is an error.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    /// <summary>
    /// A summary line followed by one line per problem, errors first, at most
    /// <see cref="ConfigLimits.MaxListedProblems"/> of them and then "and N more", e.g.
    /// <code>
    /// team.yaml: 2 errors, 1 warning
    ///   error: agents[0].backend.modle (line 5): unknown key 'modle'; did you mean 'model'?
    ///   warning: memory (line 20): ...
    /// </code>
    /// </summary>
    public override string ToString()
    {
        var errors = Errors.ToList();
        var warnings = Warnings.ToList();
        var text = new StringBuilder();
        text.Append(Source).Append(": ");
        if (Problems.Count == 0)
        {
            return text.Append("valid").ToString();
        }

        text.Append(Count(errors.Count, "error")).Append(", ").Append(Count(warnings.Count, "warning"));
        foreach (var line in Listed(errors.Select(p => "error: " + p).Concat(warnings.Select(p => "warning: " + p)), Problems.Count))
        {
            text.Append("\n  ").Append(line);
        }

        return text.ToString();
    }

    /// <summary>
    /// The errors as one line each (<c>path (line N): message</c>), at most <see cref="ConfigLimits.MaxListedProblems"/>
    /// of them followed by an "and N more errors" line.
    /// </summary>
    public IReadOnlyList<string> ErrorLines()
    {
        var errors = Errors.ToList();
        return [.. Listed(errors.Select(p => p.ToString()), errors.Count)];
    }

    private static IEnumerable<string> Listed(IEnumerable<string> lines, int count)
    {
        foreach (var line in lines.Take(ConfigLimits.MaxListedProblems))
        {
            yield return line;
        }

        if (count > ConfigLimits.MaxListedProblems)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"and {count - ConfigLimits.MaxListedProblems} more");
        }
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
