using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Support;

/// <summary>
/// Healthy Chat Completions agents for the fake server's <see cref="FakeProviderServer.Responder"/>: each answers once,
/// then votes for the first answer it is offered, and the winner presents <see cref="FinalAnswer"/>. An agent offered
/// the MCP tool <see cref="ProbeTool"/> calls it once first, so a broken server is met in the middle of a turn.
/// </summary>
internal sealed class HealthyTeam
{
    public const string FinalAnswer = "Six times seven is 42.";

    private readonly ConcurrentDictionary<string, bool> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _probed = new(StringComparer.Ordinal);

    /// <summary>The MCP tool called once before answering, when offered (for example <c>mcp__probe__hang</c>).</summary>
    public string? ProbeTool { get; init; }

    public FakeTurn Respond(RecordedRequest request)
    {
        var model = request.Model ?? "?";
        var tools = request.Body?["tools"]?.AsArray().Select(t => t?["function"]).ToList() ?? [];
        if (ProbeTool is { } probe && tools.Any(t => (string?)t?["name"] == probe) && _probed.TryAdd(model, true))
        {
            return FakeTurn.ToolCall(probe, "{}").WithUsage(40, 5);
        }

        if (tools.Any(t => (string?)t?["name"] == "new_answer") && _answered.TryAdd(model, true))
        {
            return FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = $"{model}: six times seven is 42." }.ToJsonString()).WithUsage(50, 10);
        }

        if (tools.FirstOrDefault(t => (string?)t?["name"] == "vote") is { } vote
            && (string?)vote["parameters"]?["properties"]?["agent_id"]?["enum"]?[0] is { } label)
        {
            return FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = label, ["reason"] = "correct" }.ToJsonString()).WithUsage(60, 5);
        }

        return FakeTurn.Text(FinalAnswer).WithUsage(70, 8);
    }
}
