using System.Text.Json;
using System.Text.Json.Serialization;
using MassGen.Cli.Sessions;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Logging;

/// <summary>
/// Serialisation code, generated at build time, for everything the run log and the session store serialise through
/// <see cref="RunLogJson"/>: the events (every type the <c>[JsonDerivedType]</c> list names), the result, sessions. In a
/// fresh process reflection-based serialisation would build this metadata and emit accessors on the first event, on the
/// run's critical path. The options here only document that the generated names match the options the code runs with
/// (those of <see cref="RunLogJson"/> apply).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CoordinationEvent))]
[JsonSerializable(typeof(CoordinationResult))]
[JsonSerializable(typeof(SessionRecord))]
[JsonSerializable(typeof(SessionTurn))]
internal sealed partial class RunLogJsonContext : JsonSerializerContext;
