using MassGen.Providers;

namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// An agent's backend block and the variables its key and endpoint come from, as the team was loaded: the wire
/// rehearsal builds a client from it the way the run built the agent's.
/// </summary>
internal sealed record RehearsalBackend(BackendSettings Settings, IReadOnlyDictionary<string, string?> Environment);
