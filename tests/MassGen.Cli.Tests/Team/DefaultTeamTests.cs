using System.Net;
using System.Text;
using MassGen.Cli.Team;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Team;

public sealed class DefaultTeamTests
{
    // The scripted servers answer at once, but on a busy machine the first HTTP call of the process can take seconds: a
    // probe timeout that could cut it short would make a present server look absent.
    private static readonly TimeSpan s_answeringServerTimeout = TimeSpan.FromMilliseconds(TestTimeouts.Default);

    private static Func<string, string?> Variables(params string[] names) => name => names.Contains(name) ? "key-value" : null;

    [Fact]
    public void Choose_FourProviderKeys_OneAgentPerProviderInOrder()
    {
        var team = DefaultTeam.Choose(Variables("XAI_API_KEY", "GOOGLE_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_API_KEY"), [])!;

        Assert.Equal(["openai", "claude", "gemini", "grok"], team.Agents.Select(a => a.BackendType));
        Assert.Equal(["gpt-5-mini", "claude-sonnet-4-5", "gemini-2.5-flash", "grok-4"], team.Agents.Select(a => a.Model));
        Assert.Equal(team.Agents.Count, team.Agents.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Choose_OnlyAnthropicKey_ThreeAgentsWithDifferentTemperatures()
    {
        var team = DefaultTeam.Choose(Variables("ANTHROPIC_API_KEY"), [])!;

        Assert.Equal(3, team.Agents.Count);
        Assert.All(team.Agents, a => Assert.Equal("claude-sonnet-4-5", a.Model));
        Assert.Equal([0.2, 0.7, 1.0], team.Agents.Select(a => a.Temperature!.Value));
        Assert.Contains("three agents of claude-sonnet-4-5", team.Description);
    }

    [Fact]
    public void Choose_OnlyOpenAIKey_VariesReasoningEffortBecauseGpt5TakesNoTemperature()
    {
        var team = DefaultTeam.Choose(Variables("OPENAI_API_KEY"), [])!;

        Assert.All(team.Agents, a => Assert.Null(a.Temperature));
        Assert.Equal(["low", "medium", "high"], team.Agents.Select(a => a.ReasoningEffort!));
        Assert.Contains("reasoning:\n        effort: \"low\"", team.ToYaml());
    }

    [Fact]
    public void Choose_NoKeyButOllamaWithModels_ThreeLocalAgents()
    {
        var ollama = new LocalServerStatus(LocalServerProbe.Servers[0], ["llama3.2:latest", "qwen3:8b"]);

        var team = DefaultTeam.Choose(Variables(), [ollama])!;

        Assert.All(team.Agents, a =>
        {
            Assert.Equal("ollama", a.BackendType);
            Assert.Equal("llama3.2:latest", a.Model);
            Assert.Equal("http://127.0.0.1:11434/v1", a.BaseUrl);
        });
        Assert.Contains("Ollama answers at http://127.0.0.1:11434/v1", team.Description);
    }

    [Fact]
    public void Choose_NothingAvailable_NoTeamAndGettingStartedMentionsAnEmptyServer()
    {
        var emptyStudio = new LocalServerStatus(LocalServerProbe.Servers[1], []);

        Assert.Null(DefaultTeam.Choose(Variables(), [emptyStudio]));
        Assert.Contains("LM Studio answers at http://127.0.0.1:1234/v1 but serves no model yet", DefaultTeam.GettingStarted([emptyStudio]));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ProbeAsync_OllamaAnswersLmStudioRefuses_ReportsOllamaModels()
    {
        var handler = new ScriptedHandler(request => request.RequestUri!.Port == 11434
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"models\":[{\"name\":\"llama3.2:latest\"}]}", Encoding.UTF8, "application/json") }
            : throw new HttpRequestException("Connection refused"));

        var servers = await new LocalServerProbe(handler, s_answeringServerTimeout).ProbeAsync();

        var ollama = Assert.Single(servers);
        Assert.Equal("ollama", ollama.Server.BackendType);
        Assert.Equal(["llama3.2:latest"], ollama.Models);
        Assert.Equal(["http://127.0.0.1:11434/api/tags", "http://127.0.0.1:1234/v1/models"], handler.Requested.Order());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ProbeAsync_LmStudioListsOpenAIModels_ReadsTheirIds()
    {
        var handler = new ScriptedHandler(request => request.RequestUri!.Port == 1234
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-7b-instruct\"}]}") }
            : new HttpResponseMessage(HttpStatusCode.NotFound));

        var servers = await new LocalServerProbe(handler, s_answeringServerTimeout).ProbeAsync();

        Assert.Equal(["qwen2.5-7b-instruct"], Assert.Single(servers).Models);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ProbeAsync_ServerNeverAnswers_CountsAsAbsentAfterTheTimeout()
    {
        var handler = new ScriptedHandler(_ => null);

        var servers = await new LocalServerProbe(handler, TimeSpan.FromMilliseconds(50)).ProbeAsync();

        Assert.Empty(servers);
    }

    [Fact]
    public void Build_GgufPathAndRepeatedModel_InfersLocalAndMakesIdsUnique()
    {
        var (team, problems) = QuickTeam.Build(["models/Qwen3-0.6B-Q4.gguf", "gpt-5-mini", "gpt-5-mini"], null, null, null);

        Assert.Empty(problems);
        Assert.Equal(["qwen3-0.6b-q4", "gpt-5-mini", "gpt-5-mini-2"], team!.Agents.Select(a => a.Id));
        Assert.Equal(["local", "openai", "openai"], team.Agents.Select(a => a.BackendType));
    }

    [Fact]
    public void Build_BaseUrlWithoutBackend_UsesChatCompletion()
    {
        var (team, _) = QuickTeam.Build(["my-model"], null, "http://localhost:8000/v1", null);

        Assert.Equal("chatcompletion", Assert.Single(team!.Agents).BackendType);
    }

    /// <summary>Answers requests from a function; a null response means the server never answers (until cancelled).</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage?> respond) : HttpMessageHandler
    {
        public List<string> Requested { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requested)
            {
                Requested.Add(request.RequestUri!.ToString());
            }

            if (respond(request) is { } response)
            {
                return response;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
