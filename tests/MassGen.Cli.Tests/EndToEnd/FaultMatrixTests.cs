using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Testing;
using MassGen.Testing.Processes;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// The fault matrix: every wire protocol × every provider fault, through the whole command in-process (config file on
/// disk, real HTTP to the fake server, a fake <c>claude</c> on PATH), with one agent faulty beside two healthy ones
/// (the run answers, exit 0, the failure named in the result and the event log) and with every agent faulty (exit 2,
/// the reason named). MCP servers that crash or hang get the same treatment. Waits a fault causes (back-off,
/// Retry-After, idle and start timeouts) pass at once on a <see cref="FaultClock"/>; everything else keeps its
/// default, far longer, time.
/// </summary>
public sealed class FaultMatrixTests
{
    private static readonly TimeSpan s_retryAfter = TimeSpan.FromSeconds(7);
    private static readonly TimeSpan s_stallIdle = TimeSpan.FromSeconds(5);

    public static TheoryData<string, Fault, bool> Cases()
    {
        var data = new TheoryData<string, Fault, bool>();
        foreach (var protocol in new[] { "openai", "chatcompletion", "claude", "gemini", "claude_code" })
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                data.Add(protocol, fault, false);
                data.Add(protocol, fault, true);
            }
        }

        return data;
    }

    [Theory(Timeout = TestTimeouts.Process)]
    [MemberData(nameof(Cases))]
    public async Task Run_ProviderFault_HealthyAgentsAnswerOrExitTwoWithTheReason(string protocol, Fault fault, bool allFaulty)
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var cli = protocol == "claude_code" ? FakeClaudeCli.Create("echo run >> \"$DIR/runs.txt\"\n" + ClaudeCodeBody(fault)) : null;
        using var clock = new FaultClock(due => due <= TimeSpan.FromSeconds(10));
        var healthy = new HealthyTeam();
        var faultyRequests = new ConcurrentQueue<RecordedRequest>();
        var faultyTurns = new ConcurrentQueue<(RecordedRequest Request, FakeTurn Turn)>();
        server.Responder = request =>
        {
            if (request.Model?.StartsWith("faulty", StringComparison.Ordinal) == true || request.Path.Contains("faulty", StringComparison.Ordinal))
            {
                faultyRequests.Enqueue(request);
                var turn = FaultTurn(fault, request.Protocol);
                faultyTurns.Enqueue((request, turn));
                return turn;
            }

            return healthy.Respond(request);
        };
        var variables = new Dictionary<string, string>();
        if (cli is not null)
        {
            variables["PATH"] = cli.PathVariable;
            variables["ANTHROPIC_API_KEY"] = "sk-ant-faulty";
        }

        using var test = new TestHost(runner: fault == Fault.CutMidAnswer ? CutOnceReceived(clock, faultyTurns) : null, variables: variables, time: clock);
        var faultyIds = allFaulty ? new[] { "faulty-a", "faulty-b" } : ["faulty-a"];
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, TeamYaml(server, protocol, fault, faultyIds, healthyCount: allFaulty ? 0 : 2));

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--json", "What is six times seven?"]);

        var expected = ExpectedError(fault, protocol);
        var result = JsonNode.Parse(test.Output.ToString())!.AsObject();
        var directory = result["log_directory"]!.GetValue<string>();
        Assert.Equal(test.Output.ToString().Trim(), (await File.ReadAllTextAsync(Path.Combine(directory, "result.json"))).Trim());
        var events = ReadEvents(directory);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e["sequence"]!.GetValue<long>()));
        Assert.Equal("run_started", Type(events[0]));
        Assert.Equal("run_finished", Type(events[^1]));
        var failures = result["failures"]!.AsArray();
        Assert.Equal(faultyIds, failures.Select(f => f!["agent_id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var id in faultyIds)
        {
            var failure = failures.Single(f => f!["agent_id"]!.GetValue<string>() == id)!["error"]!.GetValue<string>();
            Assert.True(failure.Contains(expected, StringComparison.OrdinalIgnoreCase), $"'{expected}' not in: {failure}");
            Assert.Contains(events, e => Type(e) == "agent_failed" && e["agent_id"]!.GetValue<string>() == id && e["error"]!.GetValue<string>() == failure);

            // The failed call is in the agent's call log too, with its error.
            var call = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "agents", id, "turn_001", "call_01.json")))!;
            Assert.Contains(expected, call["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        }

        if (allFaulty)
        {
            Assert.True(exit == ExitCodes.NoAnswer, $"exit {exit}: {test.Error}{test.Console.Output}");
            Assert.Null(result["final_answer"]);
            Assert.Equal("all_failed", result["termination_reason"]!.GetValue<string>());
            Assert.Contains(expected, result["termination_detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(expected, test.Console.Output + test.Error, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.True(exit == ExitCodes.Answered, $"exit {exit}: {test.Error}{test.Console.Output}");
            Assert.Equal(HealthyTeam.FinalAnswer, result["final_answer"]!.GetValue<string>());
            Assert.StartsWith("healthy-", result["winner_id"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var modelCalls = cli is null ? faultyRequests.Count : File.Exists(cli.Recorded("runs.txt")) ? File.ReadAllLines(cli.Recorded("runs.txt")).Length : 0;
        // The CLI does not pass a Retry-After on (it has waited itself), so only the HTTP backends are held to it.
        AssertHandledAsDocumented(fault, faultyIds, events, modelCalls, clock.Passed, honoursRetryAfter: cli is null);
    }

    [Theory(Timeout = TestTimeouts.Process)]
    [InlineData(McpFault.CrashAtStart, "--crash-at-start", null, "could not start (the process ended with exit code 3", null)]
    [InlineData(McpFault.HangAtStart, "--hang-at-start", null, "did not start within 30 s", null)]
    [InlineData(McpFault.CrashInCall, null, "crash", "switched off for this agent", "switched off for you")]
    [InlineData(McpFault.HangInCall, null, "hang", "mcp__probe__hang timed out after 60 s", "mcp__probe__hang did not answer within 60 s")]
    public async Task Run_McpServerFault_TheTeamStillAnswersAndTheFailureIsNamed(McpFault fault, string? mode, string? tool, string expected, string? toolResult)
    {
        await using var server = await FakeProviderServer.StartAsync();
        // Only the wait this fault causes passes at once: the start timeout for a server that never starts, the call
        // timeout for a call that never ends. The healthy agents' idle timeouts (300 s) are neither.
        var wait = fault switch
        {
            McpFault.HangAtStart => TimeSpan.FromSeconds(30),
            McpFault.HangInCall => TimeSpan.FromSeconds(60),
            _ => TimeSpan.Zero,
        };
        using var clock = new FaultClock(due => due == wait);
        var healthy = new HealthyTeam { ProbeTool = tool is null ? null : $"mcp__probe__{tool}" };
        server.Responder = healthy.Respond;
        using var test = new TestHost(time: clock);
        var args = new JsonArray(TestMcpServer.Assembly);
        if (mode is not null)
        {
            args.Add(mode);
        }

        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $$"""
            agents:
              - id: healthy-a
                backend:
                  type: vllm
                  model: healthy-a
                  base_url: "{{server.OpenAIBaseUrl}}"
                  idle_timeout: 300
                  mcp_servers:
                    - { name: probe, type: stdio, command: "{{TestMcpServer.Host}}", args: {{args.ToJsonString()}} }
              - id: healthy-b
                backend: { type: vllm, model: healthy-b, base_url: "{{server.OpenAIBaseUrl}}", idle_timeout: 300 }
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--json", "What is six times seven?"]);

        Assert.True(exit == ExitCodes.Answered, $"exit {exit}: {test.Error}{test.Console.Output}");
        var result = JsonNode.Parse(test.Output.ToString())!.AsObject();
        Assert.Equal(HealthyTeam.FinalAnswer, result["final_answer"]!.GetValue<string>());
        Assert.Empty(result["failures"]!.AsArray());
        var directory = result["log_directory"]!.GetValue<string>();
        var events = ReadEvents(directory);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e["sequence"]!.GetValue<long>()));
        Assert.Equal("run_finished", Type(events[^1]));
        var notices = events.Where(e => Type(e) == "tool_notice" && e["source"]!.GetValue<string>() == "mcp:probe").Select(e => e["message"]!.GetValue<string>()).ToList();
        Assert.True(notices.Any(n => n.Contains(expected, StringComparison.Ordinal)), string.Join("\n", notices));
        if (tool is not null)
        {
            // The model saw the failed call as a tool result naming the failure, and went on to answer.
            var afterCall = server.Requests.First(r => r.Model == "healthy-a" && r.RawBody.Contains("\"role\":\"tool\"", StringComparison.Ordinal));
            var toolMessage = afterCall.Body!["messages"]!.AsArray().Last(m => (string?)m!["role"] == "tool")!["content"]!.ToJsonString();
            Assert.Contains(toolResult!, toolMessage, StringComparison.Ordinal);
        }

        if (wait > TimeSpan.Zero)
        {
            Assert.Contains(wait, clock.Passed);
        }
    }

    /// <summary>
    /// The engine as the command runs it, watched: once a faulty agent's turn has streamed "partial answer ", the server
    /// cuts that agent's connection. Cutting earlier (after a fixed grace period, on a slow machine) could reset the
    /// connection before the client has read the partial answer, and a stream cut before its first chunk is retried,
    /// which is another case of the matrix.
    /// </summary>
    private static Func<IReadOnlyList<AgentDefinition>, OrchestratorOptions, CoordinationRequest, CancellationToken, IAsyncEnumerable<CoordinationEvent>> CutOnceReceived(
        TimeProvider time, ConcurrentQueue<(RecordedRequest Request, FakeTurn Turn)> faultyTurns)
    {
        async IAsyncEnumerable<CoordinationEvent> Watch(IAsyncEnumerable<CoordinationEvent> events)
        {
            var streamed = new Dictionary<(string AgentId, int TurnNumber), string>();
            await foreach (var coordinationEvent in events)
            {
                if (coordinationEvent is TextDelta delta)
                {
                    var key = (delta.AgentId, delta.TurnNumber);
                    var text = streamed[key] = streamed.GetValueOrDefault(key, "") + delta.Text;
                    if (text.StartsWith("partial answer ", StringComparison.Ordinal))
                    {
                        foreach (var (request, turn) in faultyTurns.Where(t => t.Request.Model == $"{delta.AgentId}-model" || t.Request.Path.Contains($"{delta.AgentId}-model", StringComparison.Ordinal)))
                        {
                            turn.CutNow();
                        }
                    }
                }

                yield return coordinationEvent;
            }
        }

        return (agents, options, request, cancellationToken) => Watch(new Orchestrator(agents, options, time).RunAsync(request, cancellationToken));
    }

    /// <summary>
    /// How the fault was handled: a permanent error (rejected key, no access, unknown model, unreadable answer) takes the
    /// agent out after one turn, anything else after max_consecutive_failures (2) turns; a transient error before the first
    /// chunk is sent again once (max_retries: 1), after the Retry-After the server asked for.
    /// </summary>
    private static void AssertHandledAsDocumented(Fault fault, string[] faultyIds, List<JsonNode> events, int modelCalls, IReadOnlyList<TimeSpan> passed, bool honoursRetryAfter)
    {
        var permanent = fault is Fault.Unauthorized or Fault.Forbidden or Fault.NotFound or Fault.MalformedJson;
        var turns = permanent ? 1 : 2;
        foreach (var id in faultyIds)
        {
            Assert.Equal(turns, events.Count(e => Type(e) == "turn_failed" && e["agent_id"]!.GetValue<string>() == id));
            Assert.Equal(turns - 1, events.Count(e => Type(e) == "agent_retrying" && e["agent_id"]!.GetValue<string>() == id));
        }

        var callsPerTurn = fault is Fault.RateLimitedRetryAfter or Fault.RateLimited or Fault.ServerError or Fault.Unavailable ? 2 : 1;
        if (fault != Fault.Stall)
        {
            // A stalled call may be cancelled by its idle timeout before the server (or the CLI) has recorded it.
            Assert.Equal(callsPerTurn * turns * faultyIds.Length, modelCalls);
        }

        if (fault == Fault.RateLimitedRetryAfter && honoursRetryAfter)
        {
            Assert.Contains(s_retryAfter, passed);
        }

        if (fault == Fault.Stall)
        {
            Assert.Contains(s_stallIdle, passed);
        }
    }

    private static string TeamYaml(FakeProviderServer server, string protocol, Fault fault, string[] faultyIds, int healthyCount)
    {
        var idle = fault == Fault.Stall ? s_stallIdle.TotalSeconds : 300;
        var url = protocol switch
        {
            "claude" => server.BaseUrl.ToString(),
            "gemini" => server.GeminiBaseUrl.ToString(),
            "claude_code" => null,
            _ => server.OpenAIBaseUrl.ToString(),
        };
        var yaml = new System.Text.StringBuilder("agents:\n");
        foreach (var id in faultyIds)
        {
            var model = protocol == "claude_code" ? "" : $", model: {id}-model, api_key: sk-{id}, base_url: \"{url}\"";
            yaml.Append($"  - id: {id}\n    backend: {{ type: {protocol}{model}, idle_timeout: {idle}, max_retries: 1 }}\n");
        }

        for (var i = 0; i < healthyCount; i++)
        {
            var id = $"healthy-{(char)('a' + i)}";
            yaml.Append($"  - id: {id}\n    backend: {{ type: vllm, model: {id}, base_url: \"{server.OpenAIBaseUrl}\", idle_timeout: 300 }}\n");
        }

        // Two failed turns in a row take an agent out: a transient fault is retried once by the engine, a permanent one not.
        yaml.Append("orchestrator:\n  max_consecutive_failures: 2\n");
        return yaml.ToString();
    }

    private static FakeTurn FaultTurn(Fault fault, FakeWireProtocol protocol) => fault switch
    {
        Fault.Unauthorized => FakeTurn.Error(401, "Unauthorized scripted by the fault matrix"),
        Fault.Forbidden => FakeTurn.Error(403, "Forbidden scripted by the fault matrix"),
        Fault.NotFound => FakeTurn.Error(404, "Not found scripted by the fault matrix"),
        Fault.RateLimitedRetryAfter => FakeTurn.Error(429, "Rate limit scripted by the fault matrix", s_retryAfter),
        Fault.RateLimited => FakeTurn.Error(429, "Rate limit scripted by the fault matrix"),
        Fault.ServerError => FakeTurn.Error(500, "Server error scripted by the fault matrix"),
        Fault.Unavailable => FakeTurn.Error(503, "Unavailable scripted by the fault matrix"),
        Fault.CutMidAnswer => FakeTurn.Text("partial ", "answer ", "never finished").CutAfter(EventsThroughSecondText(protocol)),
        Fault.Stall => FakeTurn.Text("never").StallAfter(0),
        Fault.MalformedJson => FakeTurn.Text("good ", "then bad", " never sent").MalformedAfter(EventsThroughSecondText(protocol)),
        Fault.Empty => FakeTurn.Empty(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>Protocol events up to and including the second text delta (each protocol frames text differently).</summary>
    private static int EventsThroughSecondText(FakeWireProtocol protocol) => protocol switch
    {
        FakeWireProtocol.Responses => 6,
        FakeWireProtocol.AnthropicMessages => 5,
        FakeWireProtocol.Gemini => 2,
        _ => 3,
    };

    /// <summary>What the Claude Code CLI does for each fault: API errors come back as an error result, as the CLI reports them.</summary>
    private static string ClaudeCodeBody(Fault fault)
    {
        static string ApiError(int status, string type, string message)
        {
            var error = new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };
            var result = new JsonObject { ["type"] = "result", ["subtype"] = "success", ["is_error"] = true, ["result"] = $"API Error: {status} {error.ToJsonString()}" };
            return $"echo '{result.ToJsonString()}'; exit 1";
        }

        const string Partial = """echo '{"type":"assistant","message":{"content":[{"type":"text","text":"partial answer "}]}}'""";
        return fault switch
        {
            Fault.Unauthorized => ApiError(401, "authentication_error", "Unauthorized scripted by the fault matrix"),
            Fault.Forbidden => ApiError(403, "permission_error", "Forbidden scripted by the fault matrix"),
            Fault.NotFound => ApiError(404, "not_found_error", "Not found scripted by the fault matrix"),
            Fault.RateLimitedRetryAfter or Fault.RateLimited => ApiError(429, "rate_limit_error", "Rate limit scripted by the fault matrix"),
            Fault.ServerError => ApiError(500, "api_error", "Server error scripted by the fault matrix"),
            Fault.Unavailable => ApiError(503, "overloaded_error", "Unavailable scripted by the fault matrix"),
            Fault.CutMidAnswer => $"{Partial}; kill -9 $$",
            Fault.Stall => "exec sleep 600",
            Fault.MalformedJson => $$"""{{Partial}}; echo '{"type":"assistant","message":{"content":[{"type":"text","text":"unterminated'""",
            Fault.Empty => "exit 0",
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
    }

    private static string ExpectedError(Fault fault, string protocol) => fault switch
    {
        Fault.Unauthorized => "Unauthorized scripted by the fault matrix",
        Fault.Forbidden => "Forbidden scripted by the fault matrix",
        Fault.NotFound => "Not found scripted by the fault matrix",
        Fault.RateLimitedRetryAfter or Fault.RateLimited => "Rate limit scripted by the fault matrix",
        Fault.ServerError => "Server error scripted by the fault matrix",
        Fault.Unavailable => "Unavailable scripted by the fault matrix",
        Fault.CutMidAnswer when protocol == "claude_code" => "exited with code 137",
        Fault.CutMidAnswer => "connection broke off",
        Fault.Stall => $"no data from the provider for {s_stallIdle.TotalSeconds:0} s",
        Fault.MalformedJson => "could not be parsed",
        Fault.Empty when protocol == "claude_code" => "exited with code 0 without a result",
        Fault.Empty => "the provider sent an empty response",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    private static List<JsonNode> ReadEvents(string directory) =>
        [.. File.ReadAllLines(Path.Combine(directory, "events.jsonl")).Select(l => JsonNode.Parse(l)!)];

    private static string Type(JsonNode e) => e["type"]!.GetValue<string>();

    /// <summary>The MCP server faults.</summary>
    public enum McpFault
    {
        CrashAtStart,
        HangAtStart,
        CrashInCall,
        HangInCall,
    }

    /// <summary>The faults of the matrix.</summary>
    public enum Fault
    {
        Unauthorized,
        Forbidden,
        NotFound,
        RateLimitedRetryAfter,
        RateLimited,
        ServerError,
        Unavailable,
        CutMidAnswer,
        Stall,
        MalformedJson,
        Empty,
    }
}
