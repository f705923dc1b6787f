using MassGen.Core.Events;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Teams;

/// <summary>
/// Keys a caller of <see cref="TeamChatClient"/> may put in <see cref="ChatOptions.AdditionalProperties"/>, and the
/// keys the client sets on its responses.
/// </summary>
public static class TeamChatOptions
{
    /// <summary>
    /// Request key, <c>true</c>: the streamed response also carries every coordination event as a content-less
    /// <see cref="ChatResponseUpdate"/> whose <see cref="ChatResponseUpdate.RawRepresentation"/> is the
    /// <see cref="CoordinationEvent"/>. Callers that only read text see nothing different.
    /// </summary>
    public const string IncludeEvents = "massgen.include_events";

    /// <summary>
    /// Request key, an <see cref="IProgress{T}"/> of <see cref="CoordinationEvent"/>: receives every event of the run,
    /// in order, for streamed and non-streamed requests alike.
    /// </summary>
    public const string EventObserver = "massgen.event_observer";

    /// <summary>
    /// Request key, a <see cref="Coordination.CoordinationControl"/>: steers the request's run while it is under way
    /// (<see cref="Coordination.CoordinationControl.AnswerNow"/> has the best answer so far presented at once).
    /// </summary>
    public const string Control = "massgen.control";

    /// <summary>Response key: the <see cref="Results.CoordinationResult"/> of the run (also the final update's raw representation).</summary>
    public const string Result = "massgen.result";

    /// <summary>Response key: the run id (also the response id).</summary>
    public const string RunId = "massgen.run_id";
}
