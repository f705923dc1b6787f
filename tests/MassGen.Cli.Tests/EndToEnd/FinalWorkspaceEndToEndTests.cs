using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// The run's log folder is the one place of a run: the agents' workspaces and snapshots live in it, the final answer's
/// workspace is named in the result and in <c>massgen logs show</c>, and a run without logs leaves nothing behind.
/// </summary>
public sealed class FinalWorkspaceEndToEndTests
{
    private static string WriteConfig(TestHost test, FakeProviderServer server)
    {
        var path = Path.Combine(test.WorkingDirectory, "team.yaml");
        File.WriteAllText(path, $"""
            agents:
              - id: builder
                backend:
                  type: vllm
                  base_url: {server.OpenAIBaseUrl}
                  model: solo-model
                  cwd: workspace
            """);
        return path;
    }

    private static void ScriptBuilder(FakeProviderServer server)
    {
        server.Enqueue("solo-model", FakeTurn.ToolCall("write_file", new JsonObject { ["path"] = "report.txt", ["content"] = "the report" }.ToJsonString()));
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = "The report is in report.txt." }.ToJsonString()));
        server.Enqueue("solo-model", FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "done" }.ToJsonString()));
        server.Enqueue("solo-model", FakeTurn.Text("See report.txt."));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AgentWithWorkspace_FinalWorkspaceInLogFolderNamedInResultAndLogsShow()
    {
        await using var server = await FakeProviderServer.StartAsync();
        ScriptBuilder(server);
        using var test = new TestHost();
        var app = new MassGenApp(test.Host);

        var exit = await app.RunAsync(["--config", WriteConfig(test, server), "--display", "silent", "--json", "Write the report."]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + test.Console.Output);
        var printed = JsonNode.Parse(test.Output.ToString())!.AsObject();
        var logDirectory = printed["log_directory"]!.GetValue<string>();
        var finalWorkspace = printed["final_workspace"]!.GetValue<string>();
        Assert.Equal(Path.Combine(logDirectory, "workspaces"), Path.GetDirectoryName(finalWorkspace));
        Assert.Equal("the report", File.ReadAllText(Path.Combine(finalWorkspace, "report.txt")));
        Assert.Equal("the report", File.ReadAllText(Path.Combine(logDirectory, "snapshots", Path.GetFileName(finalWorkspace), "report.txt")));
        Assert.Equal(finalWorkspace, JsonNode.Parse(File.ReadAllText(Path.Combine(logDirectory, "result.json")))!["final_workspace"]!.GetValue<string>());
        Assert.Single(Directory.GetDirectories(test.LogsRoot));
        Assert.False(Directory.Exists(Path.Combine(test.WorkingDirectory, ".massgen", "runs")));

        var shown = await app.RunAsync(["logs", "show", "latest"]);

        Assert.Equal(ExitCodes.Answered, shown);
        Assert.Contains($"final workspace: {finalWorkspace}", test.Console.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NoLogs_WorkspacesRemovedAfterTheRun()
    {
        await using var server = await FakeProviderServer.StartAsync();
        ScriptBuilder(server);
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", WriteConfig(test, server), "--display", "silent", "--no-logs", "--json", "Write the report."]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + test.Console.Output);
        var printed = JsonNode.Parse(test.Output.ToString())!.AsObject();
        Assert.Null(printed["log_directory"]);
        Assert.False(Directory.Exists(printed["final_workspace"]!.GetValue<string>()));
        Assert.Empty(Directory.Exists(test.LogsRoot) ? Directory.GetFileSystemEntries(test.LogsRoot) : []);
    }
}
