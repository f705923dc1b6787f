using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MassGen.Core.Coordination;
using MassGen.Core.Teams;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Server.Tests;

/// <summary>The endpoints behind the web view, over HTTP: new runs, answer now, past runs from the log folder, the page, keys.</summary>
public sealed class WebViewApiTests : IDisposable
{
    private readonly string _logs = Directory.CreateTempSubdirectory("massgen-webview-").FullName;

    public void Dispose() => Directory.Delete(_logs, recursive: true);

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task PostRuns_AnswerNow_LiveRunPresentsItsLeadingAnswer()
    {
        var time = new FakeTimeProvider();
        var team = ScriptedTeam.Create(2, time);
        team.Script(team.Ids[0], Script.Answer("Forty-two."), Script.Respond().HangUntilCancelled(), Script.Say("Presented: 42."));
        team.Script(team.Ids[1], Script.Respond().HangUntilCancelled(), Script.Respond().HangUntilCancelled());
        var client = new TeamChatClient("slow", team.Agents, new OrchestratorOptions { Seed = 5, DeferVotingUntilAllAnswered = false }, time);
        await using var harness = await ServerHarness.StartAsync(client, o => Options(o, "slow"));

        using var started = await harness.Http.PostAsync("runs", Json(new JsonObject { ["model"] = "slow", ["task"] = "The answer?" }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var watch = await harness.Http.GetAsync($"runs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
        await ReadUntilAsync(reader, "answer_accepted");

        // The leader's second turn has begun (its hanging script is taken), so its presentation is the next script.
        await team[0].WaitForRequestsAsync(2);
        using var answerNow = await harness.Http.PostAsync($"runs/{id}/answer-now", null);
        var finished = JsonNode.Parse(await ReadUntilAsync(reader, "run_finished"))!["result"]!;

        Assert.Equal(HttpStatusCode.Accepted, answerNow.StatusCode);
        Assert.Equal("answer_now", finished["termination_reason"]!.GetValue<string>());
        Assert.Equal("Presented: 42.", finished["final_answer"]!.GetValue<string>());
        using var gone = await harness.Http.PostAsync($"runs/{id}/answer-now", null);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task PostRuns_RunFinishedSeen_TheNextRunIsNotRefusedForTheOneThatFinished()
    {
        // Each run lingers after its run_finished until the end of the test, as a run may while the server tidies up.
        var linger = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var team = new HeldTeam(afterFinished: linger.Task);
        await using var harness = await ServerHarness.StartAsync(team.Client, o => Options(o, "held", maxConcurrentRuns: 1));
        try
        {
            using var first = await harness.Http.PostAsync("runs", Json(new JsonObject { ["model"] = "held", ["task"] = "First?" }));
            var id = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            using var watch = await harness.Http.GetAsync($"runs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
            team.Release();
            await ReadUntilAsync(reader, "run_finished");

            using var next = await harness.Http.PostAsync("runs", Json(new JsonObject { ["model"] = "held", ["task"] = "Next?" }));

            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        }
        finally
        {
            linger.SetResult();
        }
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("""{"task": "Q"}""", 400, "model")]
    [InlineData("""{"model": "held"}""", 400, "task")]
    [InlineData("""{"model": "nope", "task": "Q"}""", 404, "model")]
    public async Task PostRuns_BadRequest_SaysWhichFieldInOpenAIsFormat(string body, int status, string param)
    {
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client);

        using var response = await harness.Http.PostAsync("runs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(param, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["param"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Runs_PastRunInTheLogFolder_IsListedAndReplayed()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_logs, "20261130-120000-abcd"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "run.json"), """{"run_id": "20261130-120000-abcd", "question": "Old question?", "started_at": "2026-11-30T12:00:00+00:00", "source": "team.yaml"}""");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "result.json"), """{"termination_reason": "consensus"}""");
        await File.WriteAllLinesAsync(Path.Combine(folder.FullName, "events.jsonl"), [
            """{"type":"run_started","task":"Old question?","seed":1,"agents":[],"sequence":1}""",
            """{"type":"run_fini""",
            """{"type":"run_finished","result":{"final_answer":"Old answer."},"sequence":2}""",
        ]);
        Directory.CreateDirectory(Path.Combine(_logs, "no-events-here"));
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client, o => Options(o, "held"));

        var runs = JsonNode.Parse(await harness.Http.GetStringAsync("runs"))!["data"]!.AsArray();
        var replay = await harness.Http.GetStringAsync("runs/20261130-120000-abcd/events");
        using var missing = await harness.Http.GetAsync("runs/..%2F..%2Fetc/events");

        var past = Assert.Single(runs)!;
        Assert.Equal(("finished", "Old question?", "consensus"), (past["status"]!.GetValue<string>(), past["question"]!.GetValue<string>(), past["termination_reason"]!.GetValue<string>()));
        Assert.Equal(["run_started", "run_finished"], replay.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Page_IsServedWithItsFilesAndAStrictContentSecurityPolicy()
    {
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client);
        using var http = new HttpClient { BaseAddress = harness.Server.BaseAddress };

        using var page = await http.GetAsync("/");
        using var runPage = await http.GetAsync("/runs/some-run");
        using var script = await http.GetAsync("/web/app.js");
        using var style = await http.GetAsync("/web/app.css");

        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/web/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, runPage.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/css", style.Content.Headers.ContentType!.MediaType);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WebLogin_WithKeyConfigured_PageIsOpenDataNeedsTheKeyAndTheCookieCarriesIt()
    {
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client, o => new MassGenServerOptions { Teams = o.Teams, Port = 0, ApiKey = "s3cret" });
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var browser = new HttpClient(handler) { BaseAddress = harness.Server.BaseAddress };

        using var page = await browser.GetAsync("/");
        using var before = await browser.GetAsync("/v1/runs");
        using var wrong = await browser.PostAsync("/v1/web-login", Json(new JsonObject { ["key"] = "guess" }));
        using var right = await browser.PostAsync("/v1/web-login", Json(new JsonObject { ["key"] = "s3cret" }));
        using var after = await browser.GetAsync("/v1/runs");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Contains("httponly", right.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Markdown_ModelTextWithAScript_ComesBackEscaped()
    {
        await using var harness = await ServerHarness.StartAsync(new HeldTeam().Client);

        using var response = await harness.Http.PostAsync("markdown", Json(new JsonObject { ["text"] = "**hi** <script>alert(1)</script>" }));
        var html = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["html"]!.GetValue<string>();

        Assert.Contains("<strong>hi</strong>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    private MassGenServerOptions Options(MassGenServerOptions options, string name, int maxConcurrentRuns = 16) => new()
    {
        Teams = new Dictionary<string, IChatClient> { [name] = options.Teams.Values.Single() },
        Port = 0,
        LogsDirectory = _logs,
        MaxConcurrentRuns = maxConcurrentRuns,
    };

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    /// <summary>Reads server-sent events until one of <paramref name="type"/>; its data.</summary>
    private static async Task<string> ReadUntilAsync(StreamReader reader, string type)
    {
        string? current = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                current = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && current == type)
            {
                return line[6..];
            }
        }

        throw new InvalidOperationException($"The stream ended before a {type} event.");
    }
}
