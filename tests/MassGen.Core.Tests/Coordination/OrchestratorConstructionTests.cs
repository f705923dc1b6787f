using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Coordination;

public sealed class OrchestratorConstructionTests
{
    [Fact]
    public void Constructor_SeveralInvalidSettings_ListsEveryProblemInOneException()
    {
        var options = new OrchestratorOptions { MaxNewAnswersPerAgent = -1, MaxDecisionRetries = -2, TieBreak = (TieBreak)42 };

        var error = Assert.Throws<OrchestratorConfigurationException>(() => new Orchestrator([], options));

        Assert.Equal(4, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("MaxNewAnswersPerAgent", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("MaxDecisionRetries", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("TieBreak", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("no agents", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_DuplicateIds_NamesTheDuplicate()
    {
        using var client = new NoopClient();
        AgentDefinition[] agents = [new("a", client), new("a", client), new("b", client)];

        var error = Assert.Throws<OrchestratorConfigurationException>(() => new Orchestrator(agents));

        Assert.Equal(["Agent id 'a' is used 2 times; ids must be unique."], error.Problems);
    }

    private sealed class NoopClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
