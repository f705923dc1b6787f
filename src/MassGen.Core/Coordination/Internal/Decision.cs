namespace MassGen.Core.Coordination.Internal;

/// <summary>The kinds of decision a turn can end with.</summary>
internal enum DecisionKind
{
    NewAnswer,
    Vote,
    Submit,
    RestartOrchestration,
}

/// <summary>
/// One decision read from a tool call or from JSON in text. <see cref="Problem"/> is set when its arguments could not
/// be read (the decision is then rejected as malformed, never a crash).
/// </summary>
internal sealed record Decision(DecisionKind Kind, string ToolName, string? CallId)
{
    public string Content { get; init; } = "";

    public string Label { get; init; } = "";

    public string Reason { get; init; } = "";

    public string Instructions { get; init; } = "";

    public string? Problem { get; init; }
}

/// <summary>Everything a model response offered as a decision, for the orchestrator to validate.</summary>
/// <param name="Decisions">Decision calls, in order.</param>
/// <param name="UnknownTools">Names of called tools that do not exist in this turn.</param>
internal sealed record DecisionAttempt(IReadOnlyList<Decision> Decisions, IReadOnlyList<string> UnknownTools)
{
    /// <summary>Feedback for a call to a tool that does not exist (or has no rounds left), when there is one.</summary>
    public string? UnknownToolMessage { get; init; }
}
