namespace MassGen.Cli.Setup;

/// <summary>
/// Every answer of <c>massgen init</c>, complete: nothing is written until the plan exists, so a walkthrough cancelled
/// halfway leaves no file behind.
/// </summary>
internal sealed record SetupPlan
{
    /// <summary>The team's agents, in order.</summary>
    public required IReadOnlyList<SetupAgent> Agents { get; init; }

    /// <summary>Provider-run web search for the agents whose provider has it.</summary>
    public bool WebSearch { get; init; }

    /// <summary>A workspace folder with file tools for every agent.</summary>
    public bool Workspace { get; init; }

    /// <summary>The <c>execute_command</c> tool for every agent.</summary>
    public bool Commands { get; init; }

    /// <summary>The isolation mode of commands.</summary>
    public string Isolation { get; init; } = SetupProviders.DefaultIsolation;

    /// <summary>The absolute path of the config to write.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Keys to store in <c>~/.massgen/.env</c>, by variable name.</summary>
    public IReadOnlyDictionary<string, string> KeysToStore { get; init; } = new Dictionary<string, string>();
}

/// <summary>One agent of the planned team.</summary>
/// <param name="Id">The agent id (unique).</param>
/// <param name="Provider">The provider it runs on.</param>
/// <param name="Model">The model.</param>
/// <param name="Temperature">A temperature that sets it apart from peers of the same model, or null.</param>
internal sealed record SetupAgent(string Id, SetupProvider Provider, string Model, double? Temperature);
