using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Serving;

/// <summary>
/// <c>massgen serve</c> in-process on 127.0.0.1 (a free port), serving the team <c>team</c>: one agent whose model is
/// the fake provider server. Each run of it takes three scripted provider turns (answer, vote, presentation).
/// </summary>
internal sealed class ServeFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Uri> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<int> _app = Task.FromResult(0);

    private ServeFixture(FakeProviderServer provider, IReadOnlyDictionary<string, string>? variables)
    {
        Provider = provider;
        Test = new TestHost(variables: variables, serverStarted: _started.SetResult);
    }

    public FakeProviderServer Provider { get; }

    public TestHost Test { get; }

    /// <summary>The OpenAI base URL of the served teams (<c>http://127.0.0.1:PORT/v1/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<ServeFixture> StartAsync(IReadOnlyDictionary<string, string>? variables = null, params string[] extraArguments)
    {
        var fixture = new ServeFixture(await FakeProviderServer.StartAsync(), variables);
        await File.WriteAllTextAsync(Path.Combine(fixture.Test.WorkingDirectory, "team.yaml"), $"""
            agents:
              - id: solo
                backend:
                  type: vllm
                  model: solo-model
                  base_url: {fixture.Provider.OpenAIBaseUrl}
            """);
        fixture._app = new MassGenApp(fixture.Test.Host).RunAsync(["serve", "--config", "team.yaml", "--port", "0", .. extraArguments], fixture._stop.Token);
        var first = await Task.WhenAny(fixture._started.Task, fixture._app);
        if (first == fixture._app)
        {
            throw new InvalidOperationException($"massgen serve ended at start ({await fixture._app}): {fixture.Test.Error}");
        }

        fixture.BaseUrl = await fixture._started.Task;
        return fixture;
    }

    /// <summary>Scripts one run: the agent answers <paramref name="answer"/>, votes for it, and presents <paramref name="presentation"/>.</summary>
    public void ScriptRun(string answer, string presentation)
    {
        Provider.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = answer }.ToJsonString()).WithUsage(100, 20));
        Provider.Enqueue("solo-model", FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "It is correct." }.ToJsonString()).WithUsage(120, 10));
        Provider.Enqueue("solo-model", FakeTurn.Text(presentation).WithUsage(150, 30));
    }

    /// <summary>The run's log folder, which must hold what a command run's does.</summary>
    public string LogFolder(string runId) => Path.Combine(Test.LogsRoot, runId);

    /// <summary>Stops the server as Ctrl+C does and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
        await Provider.DisposeAsync();
        Test.Dispose();
    }
}
