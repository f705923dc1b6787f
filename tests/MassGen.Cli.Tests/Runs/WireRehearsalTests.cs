using MassGen.Cli.Runs;
using MassGen.Cli.Runs.Wire;
using MassGen.Cli.Tests.Support;
using MassGen.Providers;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Tests.Runs;

/// <summary>
/// The rehearsal of the provider response path: clients built by the provider factory read the canned answers of
/// their protocol through the real SDK parsers (a canned answer that is not what the provider sends fails here), over
/// no transport but the in-memory handler, and a failure stays inside the rehearsal.
/// </summary>
public sealed class WireRehearsalTests
{
    private static readonly Dictionary<string, string?> s_keys = new(StringComparer.Ordinal)
    {
        ["OPENAI_API_KEY"] = "sk-test-openai",
        ["ANTHROPIC_API_KEY"] = "sk-ant-test",
        ["GEMINI_API_KEY"] = "gemini-test",
        ["XAI_API_KEY"] = "xai-test",
        ["AZURE_OPENAI_API_KEY"] = "azure-test",
    };

    public static TheoryData<string> Types => ["chatcompletion", "grok", "azure_openai", "openai", "claude", "gemini"];

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task RunAsync_EachProtocol_ClientReadsTheFunctionCallWithItsArgumentsAndTheTextWithUsage(string type)
    {
        var responses = await WireRehearsal.RunAsync(new RehearsalBackend(Settings(type, new Uri("http://127.0.0.1:9/v1")), s_keys));

        Assert.Equal(2, responses.Count);
        var call = Assert.Single(responses[0].Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("new_answer", call.Name);
        Assert.Equal("42", call.Arguments?["content"]?.ToString());
        Assert.Equal("The answer is 42.", responses[1].Text);
        Assert.Equal(40, responses[1].Usage?.InputTokenCount);
        Assert.Equal(6, responses[1].Usage?.OutputTokenCount);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_BackendsPointedAtAServer_TheServerReceivesNothing()
    {
        await using var server = await FakeProviderServer.StartAsync();

        foreach (var type in new[] { "chatcompletion", "openai", "claude" })
        {
            var responses = await WireRehearsal.RunAsync(new RehearsalBackend(Settings(type, type == "claude" ? server.BaseUrl : server.OpenAIBaseUrl), s_keys));
            Assert.Equal("The answer is 42.", responses[1].Text);
        }

        var gemini = await WireRehearsal.RunAsync(new RehearsalBackend(Settings("gemini", server.GeminiBaseUrl), s_keys));
        Assert.Equal("The answer is 42.", gemini[1].Text);
        Assert.Empty(server.Requests);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunQuietlyAsync_ABackendTheFactoryRejects_FailsInsideAndTheOthersStillRun()
    {
        var keyless = new RehearsalBackend(new BackendSettings("claude") { Model = "claude-sonnet-4-5" }, new Dictionary<string, string?>());
        await Assert.ThrowsAsync<BackendConfigurationException>(() => WireRehearsal.RunAsync(keyless));

        await WireRehearsal.RunQuietlyAsync([keyless, new RehearsalBackend(Settings("chatcompletion", new Uri("http://127.0.0.1:9/v1")), s_keys)]);
    }

    [Fact]
    public void PerProtocol_MixedTeam_FirstBackendOfEachHttpProtocol()
    {
        RehearsalBackend Backend(string type) => new(Settings(type, null), s_keys);
        var grok = Backend("grok");
        var claude = Backend("claude");
        var openai = Backend("openai");
        var gemini = Backend("gemini");

        var picked = WireRehearsal.PerProtocol([Backend("claude_code"), Backend("local"), grok, claude, Backend("chatcompletion"), Backend("azure_openai"), openai, Backend("claude"), gemini, Backend("gemini")]);

        Assert.Equal([grok, claude, openai, gemini], picked);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task LoadAsync_ConfigTeam_CarriesOneBackendPerProtocolForTheRehearsal()
    {
        using var test = new TestHost(variables: new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test", ["ANTHROPIC_API_KEY"] = "sk-ant-test" });
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, """
            agents:
              - id: a
                backend: { type: openai, model: gpt-5-mini }
              - id: b
                backend: { type: claude, model: claude-sonnet-4-5 }
              - id: c
                backend: { type: openai, model: gpt-5 }
            """);

        await using var team = await new ConfigTeamLoader(test.Host).LoadAsync(new TeamSource("team.yaml", config, null));

        Assert.True(team.IsValid, string.Join("\n", team.Errors));
        Assert.Equal([("openai", "gpt-5-mini"), ("claude", "claude-sonnet-4-5")], team.RehearsalBackends.Select(b => (b.Settings.Type, b.Settings.Model)));
        Assert.Equal("sk-test", team.RehearsalBackends[0].Environment["OPENAI_API_KEY"]);
    }

    private static BackendSettings Settings(string type, Uri? baseUrl) => type switch
    {
        "chatcompletion" or "azure_openai" => new BackendSettings(type) { Model = "m", BaseUrl = baseUrl },
        "openai" or "claude" or "gemini" or "grok" when baseUrl is not null => new BackendSettings(type) { BaseUrl = baseUrl },
        _ => new BackendSettings(type),
    };
}
