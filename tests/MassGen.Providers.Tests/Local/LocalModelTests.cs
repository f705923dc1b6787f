using MassGen.Testing.Models;
using MassGen.Core.Results;
using MassGen.Providers.Local;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests.Local;

/// <summary>
/// Backend type local with a tiny GGUF model the test writes itself (random weights, byte vocabulary): loading,
/// streaming, usage and cancellation. The text is gibberish, so only mechanics are asserted.
/// </summary>
public sealed class LocalModelTests : IDisposable
{
    private readonly string _model = Path.Combine(Path.GetTempPath(), $"massgen-tiny-{Guid.NewGuid():N}.gguf");
    private readonly LlamaLocalModels _models = new();

    public LocalModelTests() => TinyGgufModel.Write(_model);

    public void Dispose()
    {
        _models.Dispose();
        File.Delete(_model);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_TinyModel_StreamsTokensAndReportsUsage()
    {
        using var client = Create(maxTokens: 12);
        var options = client.ChatOptions.Clone();
        options.Seed = 1;

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.ChatClient.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hello there")], options))
        {
            updates.Add(update);
        }

        var usage = TokenUsage.From(updates.ToChatResponse().Usage);
        Assert.True(usage.InputTokens > 10, $"the prompt should be tokenized byte by byte, got {usage.InputTokens} tokens");
        Assert.InRange(usage.OutputTokens, 1, 12);
        Assert.Null(usage.CostUsd);
        Assert.Equal("local/" + Path.GetFileName(_model), client.ModelDescription);
        Assert.True(client.DecisionsAsJsonText);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_SameSeed_SameText()
    {
        using var client = Create(maxTokens: 8);
        var options = client.ChatOptions.Clone();
        options.Seed = 3;

        var first = (await client.ChatClient.GetResponseAsync([new ChatMessage(ChatRole.User, "abc")], options)).Text;
        var second = (await client.ChatClient.GetResponseAsync([new ChatMessage(ChatRole.User, "abc")], options)).Text;

        Assert.Equal(first, second);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_CancelledAfterFirstToken_StopsSampling()
    {
        using var client = Create(maxTokens: 100_000);
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go on")], client.ChatOptions, cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, received);
    }

    [Fact]
    public void Create_NotAModel_ClearError()
    {
        var junk = Path.Combine(Path.GetTempPath(), $"massgen-junk-{Guid.NewGuid():N}.gguf");
        File.WriteAllText(junk, "not a model");
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => Create(path: junk));
            Assert.Contains("Could not load the GGUF model", error.Message);
        }
        finally
        {
            File.Delete(junk);
        }
    }

    private ProviderClient Create(int maxTokens = 16, string? path = null) => ProviderFactory.Create(
        "offline",
        new BackendSettings("local") { Model = path ?? _model, MaxTokens = maxTokens, ContextSize = 512, Threads = 1, Temperature = 1.0f },
        new ProviderContext { LocalModels = _models });
}
