namespace MassGen.Cli.Setup;

/// <summary>
/// What <c>massgen init</c> was told before asking anything: its flags. A null (or empty) value is a question the
/// interactive walkthrough asks, and a default the non-interactive one picks.
/// </summary>
internal sealed record SetupChoices
{
    /// <summary>Backend types of the team (<c>openai</c>, <c>claude</c>…); empty to choose from the keys found.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Models per backend type (<c>--model openai=gpt-5</c>); the catalog default for the others.</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>();

    /// <summary>Number of agents; one per provider (three with a single provider) when null.</summary>
    public int? Agents { get; init; }

    /// <summary>Turn on the provider-run web search where the provider has one.</summary>
    public bool? WebSearch { get; init; }

    /// <summary>Give every agent a workspace folder with file tools.</summary>
    public bool? Workspace { get; init; }

    /// <summary>Give every agent the <c>execute_command</c> tool (implies a workspace).</summary>
    public bool? Commands { get; init; }

    /// <summary>How commands are isolated (<c>command_line_execution_mode</c>).</summary>
    public string? Isolation { get; init; }

    /// <summary>Where the config goes; <c>.massgen/config.yaml</c> in the working folder when null.</summary>
    public string? Output { get; init; }

    /// <summary>Replace an existing config without asking.</summary>
    public bool Force { get; init; }
}
