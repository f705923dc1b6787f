using MassGen.Cli.Displays;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;

namespace MassGen.Cli.Runs;

/// <summary>Everything needed to run one coordination, once the team is loaded and validated.</summary>
internal sealed record RunPlan
{
    public required IReadOnlyList<AgentDefinition> Agents { get; init; }

    public required OrchestratorOptions Options { get; init; }

    public required DisplayKind Display { get; init; }

    /// <summary>False for <c>--no-logs</c> or <c>ui.logging_enabled: false</c>: nothing is written under <c>.massgen/logs</c>.</summary>
    public bool LoggingEnabled { get; init; } = true;

    /// <summary>The resolved configuration with secrets redacted, for the run log; produced on first use.</summary>
    public Lazy<string>? RedactedConfig { get; init; }

    /// <summary>Where the team came from (config path, quick mode, default team).</summary>
    public required string Source { get; init; }

    /// <summary>Print the result as JSON on standard output after the run.</summary>
    public bool Json { get; init; }

    /// <summary>The run id the team's workspaces live under; the first run uses it for its log folder.</summary>
    public string? RunId { get; init; }

    /// <summary>The folder holding the final answer's files, given the winner's id (see <see cref="LoadedTeam.FinalWorkspace"/>).</summary>
    public Func<string?, string?>? FinalWorkspace { get; init; }

    /// <summary>Record every model exchange to this file for <c>massgen replay</c> (<c>--record</c>, <c>record: true</c>).</summary>
    public string? RecordPath { get; init; }

    /// <summary><c>record: true</c>: record into the run's log folder (<c>recording.jsonl</c>) unless <see cref="RecordPath"/> names a file.</summary>
    public bool RecordToLog { get; init; }

    /// <summary>The configuration as it loads again, secrets masked: stored in a recording so the run can be replayed.</summary>
    public Lazy<System.Text.Json.Nodes.JsonObject>? ReplayableConfig { get; init; }

    /// <summary>Set when the run is a replay: the agents' models answer from this recording.</summary>
    public Recording.ReplaySession? Replay { get; init; }

    /// <summary>Set when the run continues a stopped one (<c>massgen resume</c>): its log folder, read back.</summary>
    public StoppedRun? Resume { get; init; }

    /// <summary>The stopped run's recording: finished calls are answered from it and new ones appended to it.</summary>
    public Recording.RunRecording? ResumeRecording { get; init; }

    /// <summary>Record what each agent sent and received under the run log.</summary>
    public bool RecordExchanges { get; init; } = true;

    /// <summary>The agents' backend blocks, for the rehearsal of their wire protocols (<see cref="Wire.WireRehearsal"/>); empty when the agents' clients were not built from backend blocks.</summary>
    public IReadOnlyList<Wire.RehearsalBackend> RehearsalBackends { get; init; } = [];
}
