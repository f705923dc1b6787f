using MassGen.Testing;
using MassGen.Tools.Mcp;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.Sandboxing;

/// <summary>A stdio MCP server with <c>sandbox: true</c> runs in the agent's sandbox: own PID namespace, cleared environment.</summary>
public sealed class SandboxedMcpServerTests
{
    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task InitializeAsync_SandboxedServer_SeesOnlyConfiguredEnvironmentInOwnPidNamespace()
    {
        Environment.SetEnvironmentVariable("MASSGEN_MCP_SANDBOX_TEST_API_KEY", "sk-host-only");
        try
        {
            await using var fixture = new HubFixture();
            var server = McpServers.TestServer() with { Sandbox = true, Env = new Dictionary<string, string> { ["SERVER_MODE"] = "on" } };
            var agent = fixture.Create("alice", new AgentToolSettings
            {
                Cwd = "ws",
                McpServers = [server],
                ContextPaths = [new ContextPathSettings(McpServers.TestServerFolder)],
            });

            await agent.InitializeAsync(fixture.Reporter);

            Assert.Equal(McpServerState.Running, agent.McpServerStates["test"]);
            Assert.Contains("(not set)", await Text(agent, "MASSGEN_MCP_SANDBOX_TEST_API_KEY"));
            Assert.Contains("on", await Text(agent, "SERVER_MODE"));
            Assert.Contains(agent.WorkspacePath!, await Text(agent, "HOME"));
            var pid = int.Parse(Assert.IsType<string>(await agent.CallAsync("mcp__test__pid", fixture.Reporter)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(pid < 10, $"pid {pid}: the server is not in a PID namespace of its own");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MASSGEN_MCP_SANDBOX_TEST_API_KEY", null);
        }
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task InitializeAsync_FromAThreadThatThenEnds_SandboxedServerKeepsRunning()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            McpServers = [McpServers.TestServer() with { Sandbox = true }],
            ContextPaths = [new ContextPathSettings(McpServers.TestServerFolder)],
        });

        // bubblewrap's --die-with-parent fires when the thread that forked it ends: the start must not be forked here.
        Task? initializing = null;
        var thread = new Thread(() => initializing = agent.InitializeAsync(fixture.Reporter).AsTask());
        thread.Start();
        thread.Join();
        await initializing!;

        Assert.Equal(McpServerState.Running, agent.McpServerStates["test"]);
        Assert.Contains("(not set)", await Text(agent, "MASSGEN_NOT_SET_ANYWHERE"));
    }

    private static async Task<string> Text(MassGen.Tools.Workspaces.AgentEnvironment agent, string name) =>
        Assert.IsType<string>(await agent.CallAsync("mcp__test__get_env", new RecordingReporter(), ("name", name)));
}
