using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Serving;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Telemetry;

/// <summary>
/// Traces leave the command and the server through the standard OTLP exporter, configured only by the
/// <c>OTEL_EXPORTER_OTLP_*</c> variables, and arrive at a collector as the run, turn, decision and chat spans.
/// </summary>
[Collection(ExportedTracesGroup.Name)]
public sealed class OpenTelemetryExportTests
{
    private const string Question = "What is the capital of France?";

    private static void ScriptSoloRun(FakeProviderServer server)
    {
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = "Paris." }.ToJsonString()).WithUsage(100, 20));
        server.Enqueue("solo-model", FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "Correct." }.ToJsonString()).WithUsage(120, 10));
        server.Enqueue("solo-model", FakeTurn.Text("The capital of France is Paris.").WithUsage(150, 30));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CommandRun_WithOtlpEndpoint_ExportsRunTurnDecisionAndChatSpansWithoutContent()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var server = await FakeProviderServer.StartAsync();
        ScriptSoloRun(server);
        using var test = new TestHost(variables: collector.Variables());

        var exit = await new MassGenApp(test.Host).RunAsync(["--backend", "vllm", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "solo-model", "--display", "silent", Question]);

        Assert.Equal(ExitCodes.Answered, exit);
        var spans = collector.Spans.ToList();
        var run = Assert.Single(spans, s => s.Name == "massgen.run");
        Assert.Equal("MassGen", run.Scope);
        Assert.Equal("massgen", run.ServiceName);
        Assert.Equal("consensus", run.Attributes["massgen.run.termination_reason"]);
        Assert.Equal("agent1", run.Attributes["massgen.run.winner_label"]);
        Assert.Equal("370", run.Attributes["gen_ai.usage.input_tokens"]);
        Assert.Equal("60", run.Attributes["gen_ai.usage.output_tokens"]);

        var turns = spans.Where(s => s.Name == "massgen.turn").ToList();
        Assert.Equal(3, turns.Count);
        Assert.All(turns, t => Assert.Equal(run.SpanId, t.ParentSpanId));
        Assert.All(turns, t => Assert.Equal("solo-model", t.Attributes["massgen.agent.id"]));
        Assert.All(turns, t => Assert.Equal("agent1", t.Attributes["massgen.agent.label"]));
        Assert.Equal(["coordination", "coordination", "presentation"], turns.OrderBy(t => int.Parse(t.Attributes["massgen.turn.number"])).Select(t => t.Attributes["massgen.turn.kind"]));

        var decisions = spans.Where(s => s.Name == "massgen.decision").ToList();
        Assert.Equal(["new_answer", "vote"], decisions.Select(d => d.Attributes["massgen.decision.kind"]).Order());
        Assert.All(decisions, d => Assert.Equal("accepted", d.Attributes["massgen.decision.outcome"]));
        Assert.All(decisions, d => Assert.Contains(turns, t => t.SpanId == d.ParentSpanId));

        // Microsoft.Extensions.AI's GenAI chat spans, one per model call, each inside its turn.
        var chats = spans.Where(s => s.Scope == "Experimental.Microsoft.Extensions.AI").ToList();
        Assert.Equal(3, chats.Count);
        Assert.All(chats, c => Assert.Equal("chat", c.Attributes["gen_ai.operation.name"]));
        Assert.All(chats, c => Assert.Contains(turns, t => t.SpanId == c.ParentSpanId));
        Assert.All(spans, s => Assert.Equal(run.TraceId, s.TraceId));

        // No prompts or answers without the opt-in.
        Assert.DoesNotContain(spans.SelectMany(s => s.Attributes.Values), v => v.Contains("capital", StringComparison.OrdinalIgnoreCase) || v.Contains("Paris", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CommandRun_ContentCaptureOptedIn_PutsTaskAndAnswersOnSpans()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var server = await FakeProviderServer.StartAsync();
        ScriptSoloRun(server);
        var variables = collector.Variables();
        variables["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "true";
        using var test = new TestHost(variables: variables);

        var exit = await new MassGenApp(test.Host).RunAsync(["--backend", "vllm", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "solo-model", "--display", "silent", Question]);

        Assert.Equal(ExitCodes.Answered, exit);
        var run = Assert.Single(collector.Spans, s => s.Name == "massgen.run");
        Assert.Equal(Question, run.Attributes["massgen.run.task"]);
        Assert.Equal("The capital of France is Paris.", run.Attributes["massgen.run.final_answer"]);
        Assert.Contains(collector.Spans, s => s.Name == "massgen.decision" && s.Attributes.GetValueOrDefault("massgen.decision.content") == "Paris.");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Serve_WithOtlpEndpoint_ExportsEachRequestsRunUnderTheServersServiceName()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var serve = await ServeFixture.StartAsync(collector.Variables());
        serve.ScriptRun("Paris.", "The capital of France is Paris.");
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(serve.BaseUrl, "chat/completions"), new StringContent(
            """{"model": "team", "messages": [{"role": "user", "content": "Capital of France?"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(0, await serve.StopAsync());

        Assert.True(collector.Spans.Any(s => s.Name == "massgen.run"), $"spans: {string.Join(",", collector.Spans.Select(s => s.Name))}; metric exports {collector.MetricExports}; {serve.Test.Error}");
        var run = Assert.Single(collector.Spans, s => s.Name == "massgen.run");
        Assert.Equal("massgen-serve", run.ServiceName);
        var request = Assert.Single(collector.Spans, s => s.SpanId == run.ParentSpanId);
        Assert.Equal("Microsoft.AspNetCore", request.Scope);
        Assert.Equal(3, collector.Spans.Count(s => s.Name == "massgen.turn" && s.ParentSpanId == run.SpanId));
        Assert.Equal(3, collector.Spans.Count(s => s.Scope == "Experimental.Microsoft.Extensions.AI"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CommandRun_ListenerInTheProcessWithoutExport_StillGetsTheChatSpans()
    {
        // A host that embeds the command and listens itself (no OTLP variables) gets the model calls' spans; without a
        // listener or an export the calls are not instrumented at all.
        const string Model = "listened-model";
        var chats = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Experimental.Microsoft.Extensions.AI",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("gen_ai.request.model"), Model))
                {
                    chats.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(Model, FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = "Paris." }.ToJsonString()));
        server.Enqueue(Model, FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "Correct." }.ToJsonString()));
        server.Enqueue(Model, FakeTurn.Text("Paris."));
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host).RunAsync(["--backend", "vllm", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", Model, "--display", "silent", Question]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Equal(3, chats.Count);
        Assert.All(chats, c => Assert.Equal("chat", c.GetTagItem("gen_ai.operation.name")));
    }
}
