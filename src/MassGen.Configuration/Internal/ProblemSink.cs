namespace MassGen.Configuration.Internal;

/// <summary>Collects problems while the document is walked, so every one is reported at once.</summary>
internal sealed class ProblemSink
{
    private readonly List<ConfigProblem> _problems = [];

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public bool HasErrors => _problems.Exists(p => p.Severity == ProblemSeverity.Error);

    public void Error(string path, int line, string message) => _problems.Add(new ConfigProblem(path, line, ProblemSeverity.Error, message));

    public void Warning(string path, int line, string message) => _problems.Add(new ConfigProblem(path, line, ProblemSeverity.Warning, message));
}
