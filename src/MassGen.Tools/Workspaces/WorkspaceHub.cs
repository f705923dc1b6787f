using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MassGen.Core.Agents;
using MassGen.Tools.Internal;
using MassGen.Tools.Sandboxing;
using MassGen.Tools.Settings;

namespace MassGen.Tools.Workspaces;

/// <summary>
/// The folders of one run, inside the run's log folder <c>&lt;root&gt;/.massgen/logs/&lt;run-id&gt;/</c> (so they are kept
/// with the run's logs and removed with them), with <c>workspaces/</c> (each agent's own
/// folder, kept for the whole run), <c>snapshots/</c> (each agent's workspace as of its latest accepted answer) and
/// <c>shared/&lt;viewer&gt;/agentK</c> (what each viewer sees of its peers, by label: a link to the peer's one snapshot,
/// read-only to the viewer). Folders are named by an opaque
/// token, never by an agent's real id, because models see these paths. Several runs never share a folder.
/// </summary>
public sealed class WorkspaceHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, AgentSlot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<AgentEnvironment> _environments = [];

    /// <summary>Creates the run folder under <paramref name="rootDirectory"/>.</summary>
    /// <param name="rootDirectory">Where <c>.massgen/</c> lives (the current directory for the CLI, a temp folder in tests).</param>
    /// <param name="runId">The run's id; a new time-stamped id when null. Must be unused under the root.</param>
    /// <param name="timeProvider">Clock for the run id and command time limits; the system clock when null.</param>
    /// <exception cref="ArgumentException">The run id is not a plain folder name, or a run with that id already exists.</exception>
    public WorkspaceHub(string rootDirectory, string? runId = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        TimeProvider = timeProvider ?? TimeProvider.System;
        RunId = runId ?? $"{TimeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
        if (RunId.Length == 0 || RunId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || RunId is "." or "..")
        {
            throw new ArgumentException($"The run id '{RunId}' must be a plain folder name.", nameof(runId));
        }

        RunDirectory = Path.Join(Path.GetFullPath(rootDirectory), ".massgen", "logs", RunId);
        if (Directory.Exists(RunDirectory))
        {
            throw new ArgumentException($"A run folder already exists at '{RunDirectory}'; every run needs its own id.", nameof(runId));
        }

        Directory.CreateDirectory(Path.Join(RunDirectory, "workspaces"));
        Directory.CreateDirectory(Path.Join(RunDirectory, "snapshots"));
        Directory.CreateDirectory(Path.Join(RunDirectory, "shared"));
    }

    /// <summary>The run's id.</summary>
    public string RunId { get; }

    /// <summary>The run's folder, <c>&lt;root&gt;/.massgen/logs/&lt;run-id&gt;</c>: the same folder as the run's log.</summary>
    public string RunDirectory { get; }

    /// <summary>The clock used by the environments of this run.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The id of the agent that took the final-presentation turn, once one did.</summary>
    public string? FinalPresenterId { get; private set; }

    /// <summary>
    /// The final presenter's workspace (kept after the run, for the run log), or null when no presenter with a workspace
    /// has taken its turn.
    /// </summary>
    public string? FinalPresenterWorkspace => FinalPresenterId is null ? null : GetWorkspacePath(FinalPresenterId);

    /// <summary>
    /// The workspace that holds the final answer's files: the final presenter's, or the winner's when no presentation
    /// turn ran; null when that agent has no workspace.
    /// </summary>
    public string? GetFinalWorkspace(string? winnerId) =>
        FinalPresenterWorkspace ?? (winnerId is null ? null : GetWorkspacePath(winnerId));

    /// <summary>
    /// Deletes the run folder (workspaces and snapshots) when nothing else was written into it: a run without logs
    /// keeps nothing. Call after <see cref="DisposeAsync"/>. Returns true when the folder was removed.
    /// </summary>
    /// <param name="keepMarker">A file name whose presence in the run folder means the run's logs are kept.</param>
    public bool DeleteUnlessKept(string keepMarker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keepMarker);
        if (!Directory.Exists(RunDirectory) || File.Exists(Path.Join(RunDirectory, keepMarker)))
        {
            return false;
        }

        Directory.Delete(RunDirectory, recursive: true);
        return true;
    }

    /// <summary>Creates the environment of one agent. Call once per agent.</summary>
    /// <exception cref="ArgumentException">The settings are invalid (every problem listed) or the agent already has one.</exception>
    /// <exception cref="SandboxUnavailableException">The agent runs commands in a sandbox this machine cannot provide (the message says how to fix it).</exception>
    public AgentEnvironment CreateEnvironment(string agentId, AgentToolSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Agent '{agentId}': invalid tool settings:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems), nameof(settings));
        }

        var slot = new AgentSlot(agentId, SlotName(agentId), settings.Cwd is not null);
        if (!_slots.TryAdd(agentId, slot))
        {
            throw new ArgumentException($"Agent '{agentId}' already has an environment in this run.", nameof(agentId));
        }

        if (slot.HasWorkspace)
        {
            Directory.CreateDirectory(WorkspaceOf(slot));
            Directory.CreateDirectory(SharedOf(slot));
        }

        AgentEnvironment environment;
        try
        {
            environment = new AgentEnvironment(this, slot, settings);
        }
        catch (Exception ex) when (ex is ArgumentException or SandboxUnavailableException)
        {
            // A bad context path or no sandbox: the id stays free so a corrected retry works.
            _slots.TryRemove(agentId, out _);
            throw;
        }

        _environments.Add(environment);
        return environment;
    }

    /// <summary>An agent's workspace, or null when it has none.</summary>
    public string? GetWorkspacePath(string agentId) =>
        _slots.TryGetValue(agentId, out var slot) && slot.HasWorkspace ? WorkspaceOf(slot) : null;

    /// <summary>An agent's snapshot folder, or null when it has not been snapshotted yet.</summary>
    public string? GetSnapshotPath(string agentId) =>
        _slots.TryGetValue(agentId, out var slot) && slot.SnapshotVersion > 0 ? SnapshotOf(slot) : null;

    /// <summary>How many distinct snapshots of the agent's workspace have been taken (0 before its first answer).</summary>
    public int GetSnapshotVersion(string agentId) => _slots.TryGetValue(agentId, out var slot) ? slot.SnapshotVersion : 0;

    /// <summary>Disposes every environment created by this hub (MCP servers stop). The folders are kept.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var environment in _environments)
        {
            await environment.DisposeAsync();
        }
    }

    internal string WorkspaceOf(AgentSlot slot) => Path.Join(RunDirectory, "workspaces", slot.Name);

    internal string SharedOf(AgentSlot slot) => Path.Join(RunDirectory, "shared", slot.Name);

    internal string SnapshotOf(AgentSlot slot) => Path.Join(RunDirectory, "snapshots", slot.Name);

    internal AgentSlot? FindSlot(string agentId) => _slots.GetValueOrDefault(agentId);

    internal void MarkFinalPresenter(AgentSlot slot) => FinalPresenterId = slot.AgentId;

    /// <summary>Copies the agent's workspace into its snapshot (changed files only); a new version only when something changed.</summary>
    internal async ValueTask<MirrorStatistics> SnapshotAsync(AgentSlot slot, CancellationToken cancellationToken)
    {
        if (!slot.HasWorkspace)
        {
            return MirrorStatistics.None;
        }

        await slot.SnapshotLock.WaitAsync(cancellationToken);
        try
        {
            var statistics = await Task.Run(() => DirectoryMirror.Mirror(WorkspaceOf(slot), SnapshotOf(slot), cancellationToken), cancellationToken);
            if (statistics.Changed || slot.SnapshotVersion == 0)
            {
                slot.SnapshotVersion++;
            }

            return statistics;
        }
        finally
        {
            slot.SnapshotLock.Release();
        }
    }

    /// <summary>
    /// Brings the viewer's shared folder up to date: one <c>agentK</c> entry per agent with an answer, a link to that
    /// agent's one snapshot (never a copy per viewer). Sandboxed commands see the snapshots through read-only mounts,
    /// the file tools through the permission layer, which allows reading them and refuses every write. Returns how many
    /// label entries were created, replaced or removed.
    /// </summary>
    internal ValueTask<int> RefreshSharedAsync(AgentSlot viewer, TurnPreparation preparation, CancellationToken cancellationToken)
    {
        if (!viewer.HasWorkspace)
        {
            return ValueTask.FromResult(0);
        }

        var wanted = new Dictionary<string, AgentSlot>(StringComparer.Ordinal);
        foreach (var authorId in preparation.AgentIdsWithAnswers)
        {
            if (_slots.TryGetValue(authorId, out var author) && author.SnapshotVersion > 0 && preparation.LabelsByAgentId.TryGetValue(authorId, out var label))
            {
                wanted[label] = author;
            }
        }

        var changed = 0;
        var sharedRoot = SharedOf(viewer);
        foreach (var entry in new DirectoryInfo(sharedRoot).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var expected = wanted.TryGetValue(entry.Name, out var author) ? SnapshotOf(author) : null;
            if (expected is not null && string.Equals(entry.LinkTarget, expected, StringComparison.Ordinal))
            {
                continue;
            }

            // Stale labels, and anything else found here (a local-mode command may have planted it), go; the link
            // itself is deleted, never what it points to.
            if (entry is DirectoryInfo directory && entry.LinkTarget is null)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }

            changed++;
        }

        foreach (var (label, author) in wanted)
        {
            var link = Path.Join(sharedRoot, label);
            if (new FileInfo(link).LinkTarget is null)
            {
                Directory.CreateSymbolicLink(link, SnapshotOf(author));
                changed++;
            }
        }

        viewer.VisibleSnapshots = [.. wanted.Values.Select(SnapshotOf).Distinct(StringComparer.Ordinal)];
        return ValueTask.FromResult(changed);
    }

    private string SlotName(string agentId)
    {
        // Opaque but stable within the run: models see these paths, and a real id must never appear in them.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(RunId + "\n" + agentId));
        return "w" + Convert.ToHexStringLower(hash)[..10].ToString(CultureInfo.InvariantCulture);
    }
}
