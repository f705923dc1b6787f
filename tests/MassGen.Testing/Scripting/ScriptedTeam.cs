using MassGen.Core.Agents;

namespace MassGen.Testing.Scripting;

/// <summary>
/// A team of agents backed by <see cref="ScriptedChatClient"/>s, ready for an orchestrator. Ids are distinctive
/// (<c>real-agent-1</c> …) so tests can prove that none of them reaches a model.
/// </summary>
public sealed class ScriptedTeam
{
    private readonly Dictionary<string, Func<AgentDefinition, AgentDefinition>> _configure = new(StringComparer.Ordinal);

    /// <summary>Creates a team with the given ids, in registration order.</summary>
    public ScriptedTeam(IEnumerable<string> ids, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Ids = [.. ids];
        Clients = [.. Ids.Select(id => new ScriptedChatClient(id, timeProvider))];
    }

    /// <summary>Creates a team of <paramref name="count"/> agents named <c>real-agent-1</c> … .</summary>
    public static ScriptedTeam Create(int count, TimeProvider? timeProvider = null) =>
        new(Enumerable.Range(1, count).Select(i => $"real-agent-{i}"), timeProvider);

    /// <summary>Agent ids in registration order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The clients, in registration order.</summary>
    public IReadOnlyList<ScriptedChatClient> Clients { get; }

    /// <summary>The client of the agent at <paramref name="index"/> (0-based registration order).</summary>
    public ScriptedChatClient this[int index] => Clients[index];

    /// <summary>The client of the agent with this id.</summary>
    public ScriptedChatClient this[string id] => Clients[IndexOf(id)];

    /// <summary>The agent definitions, with any <see cref="Configure"/> changes applied.</summary>
    public IReadOnlyList<AgentDefinition> Agents =>
        [.. Ids.Select((id, i) => _configure.TryGetValue(id, out var configure) ? configure(new AgentDefinition(id, Clients[i])) : new AgentDefinition(id, Clients[i]))];

    /// <summary>Every request received by any client.</summary>
    public IEnumerable<RecordedRequest> AllRequests => Clients.SelectMany(c => c.Requests);

    /// <summary>Changes the definition of one agent (persona, tools, environment…).</summary>
    public ScriptedTeam Configure(string id, Func<AgentDefinition, AgentDefinition> configure)
    {
        _ = IndexOf(id);
        _configure[id] = configure;
        return this;
    }

    /// <summary>Changes the definition of every agent.</summary>
    public ScriptedTeam ConfigureAll(Func<AgentDefinition, AgentDefinition> configure)
    {
        foreach (var id in Ids)
        {
            _configure[id] = configure;
        }

        return this;
    }

    /// <summary>Appends responses to the script of the agent with this id.</summary>
    public ScriptedTeam Script(string id, params ScriptedResponse[] responses)
    {
        this[id].Enqueue(responses);
        return this;
    }

    /// <summary>
    /// Every place where a real agent id appears in what a model could read, as "id in request #n to client";
    /// empty when nothing leaked.
    /// </summary>
    public IReadOnlyList<string> FindLeakedIds() =>
        [.. from client in Clients
            from request in client.Requests
            let text = request.AllVisibleText
            from id in Ids
            where text.Contains(id, StringComparison.Ordinal)
            select $"'{id}' in request #{request.Index + 1} to {client.Name}"];

    private int IndexOf(string id)
    {
        for (var i = 0; i < Ids.Count; i++)
        {
            if (string.Equals(Ids[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"No agent '{id}' in the team; ids are {string.Join(", ", Ids)}.", nameof(id));
    }
}
