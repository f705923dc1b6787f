using System.Globalization;

namespace MassGen.Configuration;

/// <summary>
/// One problem found in a configuration file, e.g.
/// <c>agents[2].backend.base_url (line 14): must be an absolute http(s) URL</c>.
/// </summary>
/// <param name="Path">Where in the document: <c>agents[2].backend.base_url</c>; empty for the document itself.</param>
/// <param name="Line">1-based line in the file; 0 when not known (e.g. an empty file).</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ConfigProblem(string Path, int Line, ProblemSeverity Severity, string Message)
{
    /// <summary>The problem as one line: <c>path (line N): message</c>.</summary>
    public override string ToString()
    {
        var location = (Path.Length, Line) switch
        {
            (0, 0) => string.Empty,
            (0, _) => string.Create(CultureInfo.InvariantCulture, $"line {Line}: "),
            (_, 0) => $"{Path}: ",
            _ => string.Create(CultureInfo.InvariantCulture, $"{Path} (line {Line}): "),
        };
        return location + Message;
    }
}
