using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.EndToEnd;

/// <summary>MCP servers driven by a scripted agent through the real orchestrator (started by InitializeAsync).</summary>
public sealed class ScriptedMcpAgentTests
{
    [FilesystemServerFact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AgentUsesFilesystemServer_ListsReadsAndSeesServerError()
    {
        await using var fixture = new HubFixture();
        var data = fixture.Root.Combine("data");
        fixture.Root.WriteFile("data/facts.txt", "water boils at 100 C");
        var files = new McpServerSettings("files") { Command = "node", Args = [McpServers.FilesystemServerEntryPoint!, data] };
        var team = ScriptedTeam.Create(1);
        var environment = fixture.Hub.CreateEnvironment(team.Ids[0], new AgentToolSettings { McpServers = [files] });
        team.Configure(team.Ids[0], a => a with { Environment = environment });
        team.Script(
            team.Ids[0],
            Script.Respond().Call("mcp__files__list_directory", new { path = data }),
            Script.Respond().Call("mcp__files__read_text_file", new { path = Path.Join(data, "facts.txt") }),
            Script.Respond().Call("mcp__files__read_text_file", new { path = "/etc/hostname" }),
            Script.Answer("Water boils at 100 C."),
            Script.VoteFor("agent1"),
            Script.Say("Water boils at 100 C."));

        var events = await RunAsync(team);

        var calls = events.OfType<ToolCallFinished>().ToList();
        Assert.Equal(["mcp__files__list_directory", "mcp__files__read_text_file", "mcp__files__read_text_file"], calls.Select(c => c.ToolName));
        Assert.Contains("[FILE] facts.txt", calls[0].ResultPreview);
        Assert.Equal(ToolCallOutcome.Succeeded, calls[1].Outcome);
        Assert.Equal("water boils at 100 C", calls[1].ResultPreview);
        Assert.Equal(ToolCallOutcome.Failed, calls[2].Outcome);
        Assert.Contains("outside allowed directories", calls[2].ResultPreview, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("mcp__files__read_text_file", team[0].Requests[0].ToolNames);
        Assert.Equal("Water boils at 100 C.", events.OfType<RunFinished>().Single().Result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ServerCrashesMidTurn_AgentGoesOnWithoutItsTools()
    {
        await using var fixture = new HubFixture();
        var team = ScriptedTeam.Create(1);
        var environment = fixture.Hub.CreateEnvironment(team.Ids[0], new AgentToolSettings
        {
            McpServers = [McpServers.TestServer("fragile"), McpServers.TestServer("steady") with { AllowedTools = ["echo"] }],
        });
        team.Configure(team.Ids[0], a => a with { Environment = environment });
        team.Script(
            team.Ids[0],
            Script.Respond().Call("mcp__fragile__crash"),
            Script.Respond().Call("mcp__steady__echo", new { text = "still working" }),
            Script.Answer("Done without the fragile server."),
            Script.VoteFor("agent1"),
            Script.Say("Done."));

        var events = await RunAsync(team);

        var calls = events.OfType<ToolCallFinished>().ToList();
        Assert.Equal(ToolCallOutcome.Failed, calls[0].Outcome);
        Assert.Contains("switched off", calls[0].ResultPreview);
        Assert.Equal(ToolCallOutcome.Succeeded, calls[1].Outcome);
        Assert.Equal("echo: still working", calls[1].ResultPreview);
        Assert.Contains(events.OfType<ToolNotice>(), n => n.Source == "mcp:fragile" && n.Severity == ToolNoticeSeverity.Error);
        Assert.Contains("mcp__fragile__crash", team[0].Requests[0].ToolNames);
        Assert.Equal(["mcp__steady__echo"], team[0].Requests[3].ToolNames.Where(n => n.StartsWith("mcp__", StringComparison.Ordinal)));
        Assert.Equal("Consensus", TerminationReasonOf(events));
    }

    private static string TerminationReasonOf(List<CoordinationEvent> events) => events.OfType<RunFinished>().Single().Result.TerminationReason.ToString();

    private static async Task<List<CoordinationEvent>> RunAsync(ScriptedTeam team)
    {
        var orchestrator = new Orchestrator(team.Agents, new OrchestratorOptions { Seed = 3 });
        var events = new List<CoordinationEvent>();
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("Answer from the files.")))
        {
            events.Add(coordinationEvent);
        }

        return events;
    }
}
