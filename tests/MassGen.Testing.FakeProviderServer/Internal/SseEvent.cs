namespace MassGen.Testing.Providers.Internal;

/// <summary>One server-sent event: an optional <c>event:</c> name and its <c>data:</c> line.</summary>
internal readonly record struct SseEvent(string? Name, string Data);
