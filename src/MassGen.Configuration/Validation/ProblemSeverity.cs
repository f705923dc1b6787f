namespace MassGen.Configuration;

/// <summary>How serious a configuration problem is.</summary>
public enum ProblemSeverity
{
    /// <summary>The configuration cannot be used until this is fixed.</summary>
    Error,

    /// <summary>The configuration works, but something in it has no effect or behaves differently than the user may expect.</summary>
    Warning,
}
