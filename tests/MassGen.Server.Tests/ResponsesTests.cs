using System.Text;
using System.Text.Json.Nodes;
using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Teams;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Server.Tests;

/// <summary><c>POST /v1/responses</c>: the Responses API's request, answer, event stream and errors.</summary>
public sealed class ResponsesTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("""{"input": "Q"}""", "model")]
    [InlineData("""{"model": "held"}""", "input")]
    [InlineData("""{"model": "held", "input": 3}""", "input")]
    [InlineData("""{"model": "held", "input": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}""", "input")]
    [InlineData("""{"model": "held", "input": [{"role": "user", "content": [{"type": "input_image", "image_url": "x"}]}]}""", "input[0]")]
    [InlineData("""{"model": "held", "input": [{"type": "file_search_call", "id": "x"}]}""", "input[0]")]
    [InlineData("""{"model": "held", "input": "Q", "previous_response_id": "resp_1"}""", "previous_response_id")]
    [InlineData("""{"model": "held", "input": "Q", "background": true}""", "background")]
    public async Task Responses_BadRequest_Is400InOpenAIsFormatNamingTheParameter(string body, string param)
    {
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client);

        var (status, error, _) = await harness.PostAsync(new StringContent(body, Encoding.UTF8, "application/json"), path: "responses");

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", error!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(param, error["error"]!["param"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Responses_UnknownTeam_Is404ModelNotFound()
    {
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client);

        var (status, error, _) = await harness.PostAsync(ServerHarness.Responses(model: "nobody"), path: "responses");

        Assert.Equal(404, status);
        Assert.Equal("model_not_found", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Responses_ATeamOfScriptedAgents_AnswersAsOneAssistantMessageWithSummedUsage()
    {
        await using var harness = await ServerHarness.StartAsync(ScriptedTwoAgentTeam());
        var body = """
            {"model": "held", "instructions": "Be brief.", "temperature": 0.3, "metadata": {"ticket": "T-7"},
             "input": [{"role": "user", "content": "Hello"}, {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Hi."}]},
                       {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "What is 2 + 2?"}]}]}
            """;

        var (status, response, http) = await harness.PostAsync(new StringContent(body, Encoding.UTF8, "application/json"), path: "responses");

        Assert.Equal(200, status);
        var runId = http.Headers.GetValues("X-MassGen-Run-Id").Single();
        Assert.Equal("temperature", http.Headers.GetValues("X-MassGen-Ignored-Parameters").Single());
        Assert.Equal("response", response!["object"]!.GetValue<string>());
        Assert.Equal("resp_" + runId, response["id"]!.GetValue<string>());
        Assert.Equal("completed", response["status"]!.GetValue<string>());
        Assert.Equal("Be brief.", response["instructions"]!.GetValue<string>());
        Assert.Equal("T-7", response["metadata"]!["ticket"]!.GetValue<string>());
        var message = response["output"]!.AsArray().Single()!;
        Assert.Equal("assistant", message["role"]!.GetValue<string>());
        Assert.Equal("It is four.", message["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("output_text", message["content"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(50, response["usage"]!["input_tokens"]!.GetValue<int>());
        Assert.Equal(5, response["usage"]!["output_tokens"]!.GetValue<int>());
        Assert.Equal(55, response["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Responses_Streamed_SendsOpenAIsEventSequenceNumberedWithTheAnswerInDeltas()
    {
        await using var harness = await ServerHarness.StartAsync(ScriptedTwoAgentTeam());

        var (status, _, http) = await harness.PostAsync(ServerHarness.Responses(stream: true), path: "responses");

        Assert.Equal(200, status);
        Assert.Equal("text/event-stream", http.Content.Headers.ContentType!.MediaType);
        var events = ParseEvents(await http.Content.ReadAsStringAsync());
        var types = events.Select(e => e["type"]!.GetValue<string>()).Where(t => t != "response.output_text.delta").ToList();
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
             "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
            types);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e["sequence_number"]!.GetValue<int>()));
        var deltas = string.Concat(events.Where(e => e["type"]!.GetValue<string>() == "response.output_text.delta").Select(e => e["delta"]!.GetValue<string>()));
        Assert.Equal("It is four.", deltas);
        var completed = events[^1]["response"]!;
        Assert.Equal("It is four.", completed["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(55, completed["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Responses_TeamEndsWithoutAnswer_Is502TeamNoAnswer()
    {
        var team = new HeldTeam(fails: true);
        team.Release();
        await using var harness = await ServerHarness.StartAsync(team.Client);

        var (status, error, _) = await harness.PostAsync(ServerHarness.Responses(), path: "responses");

        Assert.Equal(502, status);
        Assert.Equal("team_no_answer", error!["error"]!["code"]!.GetValue<string>());
    }

    private static TeamChatClient ScriptedTwoAgentTeam()
    {
        var time = new FakeTimeProvider();
        var team = ScriptedTeam.Create(2, time);
        var winner = LabelAssignment.Assign(2, 5)[0];
        team.Script(team.Ids[0], Script.Answer("Four.").Usage(10, 1), Script.VoteFor(winner).Usage(10, 1), Script.Say("It is four.").Usage(10, 1));
        team.Script(team.Ids[1], Script.Answer("4").Usage(10, 1), Script.VoteFor(winner).Usage(10, 1));
        return new TeamChatClient("scripted", team.Agents, new OrchestratorOptions { Seed = 5 }, time);
    }

    /// <summary>The data of each server-sent event, checking that its <c>event:</c> line names the same type.</summary>
    private static List<JsonNode> ParseEvents(string stream)
    {
        var events = new List<JsonNode>();
        foreach (var block in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var data = JsonNode.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..])!;
            Assert.Equal(lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))[7..], data["type"]!.GetValue<string>());
            events.Add(data);
        }

        return events;
    }
}
