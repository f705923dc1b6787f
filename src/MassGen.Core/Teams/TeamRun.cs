using MassGen.Core.Events;

namespace MassGen.Core.Teams;

/// <summary>One coordination started for a <see cref="TeamChatClient"/> request: its id and its event stream.</summary>
/// <param name="RunId">The run's id; it becomes the response id (and, in the CLI and the server, the log folder's name).</param>
/// <param name="Events">
/// The coordination's events, ending with <see cref="RunFinished"/>. Cancelling the token the run was started with is a
/// graceful stop: the stream still ends with <see cref="RunFinished"/>.
/// </param>
public sealed record TeamRun(string RunId, IAsyncEnumerable<CoordinationEvent> Events);
