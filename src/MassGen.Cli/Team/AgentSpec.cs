namespace MassGen.Cli.Team;

/// <summary>One agent of a team built without a config file (quick mode or the default team).</summary>
internal sealed record AgentSpec(string Id, string BackendType, string Model)
{
    public string? BaseUrl { get; init; }

    public double? Temperature { get; init; }

    /// <summary>Reasoning effort for models that take no temperature (OpenAI reasoning models).</summary>
    public string? ReasoningEffort { get; init; }

    public string? SystemMessage { get; init; }
}
