using MassGen.Tools.Settings;
using MassGen.Tools.Workspaces;

namespace MassGen.Tools.Tests.Support;

/// <summary>A temp root with a hub and environments for tests; disposes all of them.</summary>
public sealed class HubFixture : IAsyncDisposable
{
    public HubFixture(TimeProvider? timeProvider = null)
    {
        Root = new TempFolder();
        Hub = new WorkspaceHub(Root.Path, "run-1", timeProvider);
    }

    public TempFolder Root { get; }

    public WorkspaceHub Hub { get; }

    public RecordingReporter Reporter { get; } = new();

    public AgentEnvironment Create(string agentId, AgentToolSettings? settings = null) =>
        Hub.CreateEnvironment(agentId, settings ?? new AgentToolSettings { Cwd = "workspace", EnableCommandLine = true });

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Root.Dispose();
    }
}
