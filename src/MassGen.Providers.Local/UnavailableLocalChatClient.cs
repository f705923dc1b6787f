using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Local;

/// <summary>
/// The client of a local agent on a machine where llama.cpp does not load: every call fails with the reason, a
/// permanent failure, so the engine fails this agent at once and the rest of the team runs.
/// </summary>
internal sealed class UnavailableLocalChatClient(LocalRuntimeUnavailableException reason, string modelName) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromException<ChatResponse>(reason);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (reason is not null)
        {
            throw reason;
        }

        yield break;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("local", null, modelName)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // Nothing was loaded.
    }
}
