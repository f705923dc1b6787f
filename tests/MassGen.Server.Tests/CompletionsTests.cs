using System.Text;
using System.Text.Json.Nodes;
using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Teams;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Server.Tests;

public sealed class CompletionsTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("{not json", null)]
    [InlineData("""{"messages": [{"role": "user", "content": "Q"}]}""", "model")]
    [InlineData("""{"model": "held", "messages": []}""", "messages")]
    [InlineData("""{"model": "held", "messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}""", "messages")]
    [InlineData("""{"model": "held", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}""", "messages[0]")]
    [InlineData("""{"model": "held", "n": 3, "messages": [{"role": "user", "content": "Q"}]}""", "n")]
    public async Task ChatCompletions_BadRequest_Is400InOpenAIsFormatNamingTheParameter(string body, string? param)
    {
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client);

        var (status, error, _) = await harness.PostAsync(new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", error!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(param, error["error"]!["param"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["error"]!["message"]!.GetValue<string>()));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ChatCompletions_TeamEndsWithoutAnswer_Is502TeamNoAnswer()
    {
        var team = new HeldTeam(fails: true);
        team.Release();
        await using var harness = await ServerHarness.StartAsync(team.Client);

        var (status, error, response) = await harness.PostAsync(ServerHarness.Chat());

        Assert.Equal(502, status);
        Assert.Equal("team_no_answer", error!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("every agent failed", error["error"]!["message"]!.GetValue<string>());
        Assert.Equal("held-1", response.Headers.GetValues("X-MassGen-Run-Id").Single());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunEvents_WatchedWhileLive_ReplaysThenStreamsUntilRunFinished()
    {
        var team = new HeldTeam();
        await using var harness = await ServerHarness.StartAsync(team.Client);
        var completion = harness.PostAsync(ServerHarness.Chat(stream: true));
        await team.Started;

        var runs = JsonNode.Parse(await harness.Http.GetStringAsync("runs"))!;
        Assert.Equal("held-1", runs["data"]![0]!["id"]!.GetValue<string>());
        using var watch = await harness.Http.GetAsync("runs/held-1/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
        var first = await ReadEventAsync(reader);
        team.Release();
        var rest = new List<string>();
        while (await ReadEventAsync(reader) is { } next)
        {
            rest.Add(next);
        }

        Assert.Equal("text/event-stream", watch.Content.Headers.ContentType!.MediaType);
        Assert.Equal("run_started", first);
        Assert.Equal(["final_answer_delta", "run_finished"], rest);
        Assert.Equal(200, (await completion).Status);
        Assert.Equal(404, (int)(await harness.Http.GetAsync("runs/held-1/events")).StatusCode);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ChatCompletions_ATeamOfScriptedAgents_IsServedWithSummedUsage()
    {
        var time = new FakeTimeProvider();
        var team = ScriptedTeam.Create(2, time);
        var winner = LabelAssignment.Assign(2, 5)[0];
        team.Script(team.Ids[0], Script.Answer("Four.").Usage(10, 1), Script.VoteFor(winner).Usage(10, 1), Script.Say("It is four.").Usage(10, 1));
        team.Script(team.Ids[1], Script.Answer("4").Usage(10, 1), Script.VoteFor(winner).Usage(10, 1));
        var client = new TeamChatClient("scripted", team.Agents, new OrchestratorOptions { Seed = 5 }, time);
        await using var harness = await ServerHarness.StartAsync(client);

        var (status, body, _) = await harness.PostAsync(ServerHarness.Chat(stream: false));

        Assert.Equal(200, status);
        Assert.Equal("chat.completion", body!["object"]!.GetValue<string>());
        Assert.Equal("It is four.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(50, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(5, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    private static async Task<string?> ReadEventAsync(StreamReader reader)
    {
        string? type = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.Length == 0 && type is not null)
            {
                return type;
            }
        }

        return null;
    }
}
