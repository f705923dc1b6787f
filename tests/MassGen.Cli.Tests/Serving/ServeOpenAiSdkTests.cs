using System.ClientModel;
using System.Net;
using System.Text.Json.Nodes;
using MassGen.Testing;
using MassGen.Testing.Providers;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace MassGen.Cli.Tests.Serving;

/// <summary>
/// The official OpenAI .NET SDK against <c>massgen serve</c>, whose team's agent talks to the fake provider server:
/// the whole path from an OpenAI client through the server, the command's run executor and logs, the provider client
/// and back.
/// </summary>
public sealed class ServeOpenAiSdkTests
{
    private static OpenAIClientOptions Options(ServeFixture serve) => new() { Endpoint = serve.BaseUrl };

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CompleteChat_NotStreamed_AnswersWithUsageAndTheRunIdOfALoggedRun()
    {
        await using var serve = await ServeFixture.StartAsync();
        serve.ScriptRun("Paris.", "The capital of France is Paris.");
        var client = new ChatClient("team", new ApiKeyCredential("any-token"), Options(serve));

        var result = await client.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("What is the capital of France?")]);

        Assert.Equal("The capital of France is Paris.", result.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        Assert.Equal("team", result.Value.Model);
        Assert.Equal(370, result.Value.Usage.InputTokenCount);
        Assert.Equal(60, result.Value.Usage.OutputTokenCount);
        Assert.Equal(430, result.Value.Usage.TotalTokenCount);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("X-MassGen-Run-Id", out var runId));
        Assert.Equal("chatcmpl-" + runId, result.Value.Id);

        // Logged exactly as a command run is.
        Assert.Equal(0, await serve.StopAsync());
        var folder = serve.LogFolder(runId!);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "result.json")))!;
        Assert.Equal("The capital of France is Paris.", document["final_answer"]!.GetValue<string>());
        Assert.Equal(runId, document["run_id"]!.GetValue<string>());
        Assert.Equal("The capital of France is Paris.\n", await File.ReadAllTextAsync(Path.Combine(folder, "final_answer.md")));
        var info = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json")))!;
        Assert.StartsWith("serve: ", info["source"]!.GetValue<string>());
        Assert.Contains("Be brief.", info["question"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(folder, "agents", "solo", "turn_001", "call_01.json")));
        Assert.Equal("run_finished", JsonNode.Parse((await File.ReadAllLinesAsync(Path.Combine(folder, "events.jsonl")))[^1])!["type"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CompleteChatStreaming_StreamsThePresentationAndUsage()
    {
        await using var serve = await ServeFixture.StartAsync();
        serve.ScriptRun("4.", "Two plus two is four.");
        var client = new ChatClient("team", new ApiKeyCredential("any-token"), Options(serve));

        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("What is 2 + 2?")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal("Two plus two is four.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(430, usage.TotalTokenCount);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetModels_ListsTheServedTeams()
    {
        await using var serve = await ServeFixture.StartAsync();
        var models = new OpenAIModelClient(new ApiKeyCredential("any-token"), Options(serve));

        var list = await models.GetModelsAsync();
        var one = await models.GetModelAsync("team");

        Assert.Equal(["team"], list.Value.Select(m => m.Id));
        Assert.Equal("massgen", one.Value.OwnedBy);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CompleteChat_UnknownModel_Is404ModelNotFound()
    {
        await using var serve = await ServeFixture.StartAsync();
        var client = new ChatClient("no-such-team", new ApiKeyCredential("any-token"), Options(serve));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hello?")]));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message);
        Assert.Contains("no-such-team", error.Message);
        Assert.Empty(serve.Provider.Requests);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ChatCompletions_ClientDisconnectsMidRun_RunStopsGracefullyWithCompleteLogs()
    {
        await using var serve = await ServeFixture.StartAsync();
        var stall = serve.Provider.Enqueue("solo-model", FakeTurn.Text("Thinking").StallAfter(1));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serve.BaseUrl, "chat/completions"))
        {
            Content = new StringContent("""{"model": "team", "stream": true, "messages": [{"role": "user", "content": "Think hard."}]}""", System.Text.Encoding.UTF8, "application/json"),
        };

        string runId;
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            runId = response.Headers.GetValues("X-MassGen-Run-Id").Single();
            await stall.Stalled;
        }

        // The provider call is cancelled when the run stops; the server's stop waits for the run's last log line.
        await stall.Disconnected;
        Assert.Equal(0, await serve.StopAsync());
        var events = await File.ReadAllLinesAsync(Path.Combine(serve.LogFolder(runId), "events.jsonl"));
        var finished = JsonNode.Parse(events[^1])!;
        Assert.Equal("run_finished", finished["type"]!.GetValue<string>());
        Assert.Equal("interrupted", finished["result"]!["termination_reason"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(serve.LogFolder(runId), "result.json")));
    }
}
