namespace MassGen.Configuration.Internal;

/// <summary>
/// The one validator: walks the whole document, builds the typed <see cref="MassGenConfig"/> and reports every problem
/// with its path and line as it goes. Partial files: backend blocks, tools (MCP servers, context paths, price),
/// orchestrator and the other top-level sections.
/// </summary>
internal sealed partial class ConfigBinder(ProblemSink problems, ConfigEnvironment environment, string currentDirectory)
{
    // A dollar amount (a budget, a price per million tokens) above this is a typo, and keeps cost arithmetic finite.
    private const double MaxUsd = 1_000_000;

    private const string MemoryUnsupported = "memory is not supported by MassGen for .NET; this section is ignored";

    /// <summary>The configuration, or <c>null</c> when the document is not even a mapping. Check the problems for errors.</summary>
    public MassGenConfig? Bind(ConfigNode? root)
    {
        if (root is null or ConfigScalar { Kind: ScalarKind.Null })
        {
            problems.Error(string.Empty, 0, "the configuration is empty; add an agents: list (see the examples folder)");
            return null;
        }

        var top = SectionReader.Open(root, string.Empty, root.Line, problems);
        if (top is null)
        {
            return null;
        }

        var agents = BindAgents(top);
        var orchestrator = BindOrchestrator(top);
        var timeouts = BindTimeouts(top);
        var ui = BindUi(top);
        var budget = BindBudget(top);
        var sessionId = top.String("session_id");
        var record = top.Bool("record") ?? false;
        top.Unsupported("memory", MemoryUnsupported);
        top.Unsupported("display", "ignored: the display is chosen by ui.display_type or --display");
        top.ReportUnknownKeys();

        CheckUniqueIds(agents);
        var config = new MassGenConfig
        {
            Agents = [.. agents.Select(a => a.Config)],
            Orchestrator = orchestrator,
            TimeoutSettings = timeouts,
            Ui = ui,
            Budget = budget,
            SessionId = sessionId,
            Record = record,
        };

        // The checks above mirror the engine's own; if they ever drift apart, say so here rather than at run time.
        foreach (var problem in config.ToOrchestratorOptions().Validate())
        {
            problems.Error("orchestrator", 0, problem);
        }

        return config;
    }

    /// <summary>An agent with where it was written, for checks across agents.</summary>
    private sealed record BoundAgent(AgentConfig Config, string Path, int IdLine);

    private List<BoundAgent> BindAgents(SectionReader top)
    {
        var single = top.TakeIncludingNull("agent");
        var list = top.TakeIncludingNull("agents");
        if (single is not null && list is not null)
        {
            problems.Error("agent", single.Line, "use either agent (one agent) or agents (a list), not both");
            single = null;
        }

        var result = new List<BoundAgent>();
        if (list is not null)
        {
            if (list.Value is not ConfigSequence sequence)
            {
                problems.Error("agents", list.Line, $"must be a list of agents (each item starting with '- '); got {list.Value.Describe()}");
                return result;
            }

            if (sequence.Items.Count == 0)
            {
                problems.Error("agents", list.Line, "the list is empty; add at least one agent with a backend");
            }

            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var path = ConfigPath.Index("agents", i);
                if (BindAgent(sequence.Items[i], path, sequence.Items[i].Line, i) is { } agent)
                {
                    result.Add(agent);
                }
            }
        }
        else if (single is not null)
        {
            if (BindAgent(single.Value, "agent", single.Line, 0) is { } agent)
            {
                result.Add(agent);
            }
        }
        else
        {
            problems.Error(string.Empty, top.Line, "no agents: add an agents: list (or agent: for a single agent), each with a backend");
        }

        return result;
    }

    private BoundAgent? BindAgent(ConfigNode node, string path, int line, int index)
    {
        if (node is not ConfigMapping)
        {
            problems.Error(path, node.Line, $"must be an agent (a mapping with id, system_message and backend); got {node.Describe()}");
            return null;
        }

        var reader = SectionReader.Open(node, path, line, problems)!;
        var idEntry = reader.Take("id");
        var id = reader.String("id");
        if (id is not null && !IsValidId(id))
        {
            problems.Error(reader.PathOf("id"), idEntry!.Line,
                $"'{id}' is not a valid agent id; use letters, digits, '-', '_' or '.', starting with a letter or digit (it names folders and log entries)");
        }

        id ??= $"agent{index + 1}";
        var systemMessage = reader.String("system_message");
        var backendEntry = reader.TakeIncludingNull("backend");
        reader.Unsupported("memory", MemoryUnsupported);
        reader.Unsupported("append_system_prompt", "ignored (the original ignores it here too); add the text to system_message instead");
        reader.ReportUnknownKeys();

        BackendConfig? backend = null;
        if (backendEntry is null)
        {
            problems.Error(reader.PathOf("backend"), line, "missing; every agent needs a backend block with at least a type or a model");
        }
        else
        {
            backend = BindBackend(backendEntry, reader.PathOf("backend"), id);
        }

        return backend is null
            ? null
            : new BoundAgent(new AgentConfig(id, backend) { SystemMessage = systemMessage }, path, idEntry?.Line ?? line);
    }

    private void CheckUniqueIds(List<BoundAgent> agents)
    {
        var first = new Dictionary<string, BoundAgent>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            if (first.TryGetValue(agent.Config.Id, out var earlier))
            {
                problems.Error(ConfigPath.Key(agent.Path, "id"), agent.IdLine,
                    $"duplicate agent id '{agent.Config.Id}' (already used by {earlier.Path} on line {earlier.IdLine}); every agent needs its own id");
            }
            else
            {
                first[agent.Config.Id] = agent;
            }
        }
    }

    // Letters, digits, '.', '-' and '_', starting with a letter or digit: ids name folders and log entries.
    private static bool IsValidId(string id) =>
        id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
