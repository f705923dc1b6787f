namespace MassGen.Tools.Workspaces;

/// <summary>The hub's book-keeping for one agent.</summary>
internal sealed class AgentSlot(string agentId, string name, bool hasWorkspace)
{
    public string AgentId { get; } = agentId;

    /// <summary>The opaque folder name used for this agent's workspace, snapshot and shared folders.</summary>
    public string Name { get; } = name;

    public bool HasWorkspace { get; } = hasWorkspace;

    /// <summary>Guards the snapshot folder: written on answer acceptance, read by every viewer's refresh.</summary>
    public SemaphoreSlim SnapshotLock { get; } = new(1, 1);

    /// <summary>Bumped each time a snapshot actually changed; 0 before the first one.</summary>
    public int SnapshotVersion { get; set; }

    /// <summary>
    /// For this agent as a viewer: the peers' snapshot folders its shared folder links to (replaced as a whole on each
    /// refresh, so readers on other threads always see a complete list).
    /// </summary>
    public IReadOnlyList<string> VisibleSnapshots { get; set; } = [];
}
