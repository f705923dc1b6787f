namespace MassGen.Configuration;

/// <summary>One entry of <c>agents</c> (or the single <c>agent</c>).</summary>
/// <param name="Id">Unique id; <c>agent1</c>, <c>agent2</c>… when the file gives none. Used in logs and folder names.</param>
/// <param name="Backend">The model and its tools.</param>
public sealed record AgentConfig(string Id, BackendConfig Backend)
{
    /// <summary>The agent's persona (<c>system_message</c>); <c>null</c> for none.</summary>
    public string? SystemMessage { get; init; }
}
