using System.Text.Json.Nodes;

namespace MassGen.Cli.Recording;

/// <summary>One model call as recorded: who made it, the request, what came back in order, and how it ended.</summary>
internal sealed record RecordedCall
{
    public required string AgentId { get; init; }

    /// <summary>The call's number among its agent's calls (1-based).</summary>
    public required int Number { get; init; }

    public required string Hash { get; init; }

    public required JsonObject Request { get; init; }

    public required bool Streaming { get; init; }

    /// <summary>The streamed updates, each with its place in the run's order.</summary>
    public required IReadOnlyList<RecordedItem> Items { get; init; }

    /// <summary>The end of the stream (or the failure), with its place in the run's order.</summary>
    public required RecordedItem End { get; init; }

    /// <summary><c>completed</c>, <c>failed</c> or <c>stopped</c> (the engine stopped reading).</summary>
    public required string Outcome { get; init; }

    public string? ErrorMessage { get; init; }

    public bool ErrorPermanent { get; init; }

    /// <summary>The line the call was on, for messages.</summary>
    public int Line { get; init; }
}
