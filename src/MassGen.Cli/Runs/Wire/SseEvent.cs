namespace MassGen.Cli.Runs.Wire;

/// <summary>One server-sent event: an optional <c>event:</c> name and its <c>data:</c> line.</summary>
internal readonly record struct SseEvent(string? Name, string Data)
{
    /// <summary>The event's bytes as a server sends them, ending with the blank line that closes it.</summary>
    public byte[] ToBytes() => System.Text.Encoding.UTF8.GetBytes((Name is null ? "" : $"event: {Name}\n") + $"data: {Data}\n\n");
}
