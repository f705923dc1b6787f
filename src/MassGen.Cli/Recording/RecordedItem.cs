using System.Text.Json.Nodes;

namespace MassGen.Cli.Recording;

/// <summary>
/// One streamed update (or the end of a stream): <paramref name="Ordinal"/> is its place among every agent's items,
/// <paramref name="EventsBefore"/> how many coordination events the run had emitted when it arrived, and
/// <paramref name="ElapsedMs"/> its time since the call started.
/// </summary>
internal sealed record RecordedItem(long Ordinal, long EventsBefore, double ElapsedMs, JsonNode? Update);
