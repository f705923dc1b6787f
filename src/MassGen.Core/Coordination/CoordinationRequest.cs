namespace MassGen.Core.Coordination;

/// <summary>The question for one coordination, with the earlier turns of a multi-turn session.</summary>
/// <param name="Task">The user's question or task.</param>
public sealed record CoordinationRequest(string Task)
{
    /// <summary>Earlier exchanges of the session, oldest first; shown to every agent before the task.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>Lets the caller steer the run while it is under way ("answer now"); none when null.</summary>
    public CoordinationControl? Control { get; init; }
}

/// <summary>One earlier exchange of a multi-turn session.</summary>
/// <param name="User">What the user asked.</param>
/// <param name="Assistant">The final answer the team gave.</param>
public sealed record ConversationTurn(string User, string Assistant);
