using MassGen.Cli.Displays;
using MassGen.Cli.Runs;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Tests.Support;

/// <summary>A team loader that records what it was asked to load and returns a fixed team whose models must never be called.</summary>
internal sealed class FakeTeamLoader : ITeamLoader
{
    public List<TeamSource> Loaded { get; } = [];

    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool LoggingEnabled { get; init; } = true;

    public DisplayKind? Display { get; init; } = DisplayKind.Simple;

    public string[] AgentIds { get; init; } = ["researcher", "critic", "fast"];

    public Task<LoadedTeam> LoadAsync(TeamSource source, CancellationToken cancellationToken = default)
    {
        Loaded.Add(source);
        return Task.FromResult(new LoadedTeam
        {
            Errors = Errors,
            Agents = [.. AgentIds.Select(id => new AgentDefinition(id, new UncallableChatClient()) { ModelDescription = "fake/" + id })],
            Options = new OrchestratorOptions(),
            Display = Display,
            LoggingEnabled = LoggingEnabled,
            RedactedConfig = new(() => "agents:\n  - id: researcher\n    backend: { api_key: \"***\" }\n"),
        });
    }

    public (string Report, bool HasErrors) Validate(string path) => (path + ": valid", false);

    private sealed class UncallableChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The replayed run must not call a model.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The replayed run must not call a model.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
