using System.Runtime.CompilerServices;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Local;

/// <summary>
/// An <see cref="IChatClient"/> over a loaded GGUF model. Each request gets a fresh context (requests of parallel agents
/// do not share state), the conversation is formatted with the model's own chat template, tokens stream as they are
/// sampled, and cancellation stops sampling at the next token.
/// </summary>
internal sealed class LlamaChatClient : IChatClient
{
    private const int DefaultMaxTokens = 1024;

    private readonly LLamaWeights _weights;
    private readonly ModelParams _parameters;
    private readonly string _modelName;
    private readonly float? _temperature;
    private readonly int? _maxTokens;

    public LlamaChatClient(LLamaWeights weights, ModelParams parameters, string modelName, float? temperature, int? maxTokens)
    {
        _weights = weights;
        _parameters = parameters;
        _modelName = modelName;
        _temperature = temperature;
        _maxTokens = maxTokens;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prompt = Prompt(messages);
        var promptTokens = _weights.Tokenize(prompt, add_bos: true, special: true, Encoding.UTF8).Length;
        var executor = new StatelessExecutor(_weights, _parameters) { ApplyTemplate = false };
        var inference = new InferenceParams
        {
            MaxTokens = options?.MaxOutputTokens ?? _maxTokens ?? DefaultMaxTokens,
            SamplingPipeline = new DefaultSamplingPipeline
            {
                Temperature = options?.Temperature ?? _temperature ?? 0.7f,
                Seed = options?.Seed is { } seed ? (uint)seed : (uint)Random.Shared.Next(),
            },
        };

        var responseId = Guid.NewGuid().ToString("N");
        var outputTokens = 0;
        await foreach (var piece in executor.InferAsync(prompt, inference, cancellationToken).ConfigureAwait(false))
        {
            outputTokens++;
            if (piece.Length > 0)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ResponseId = responseId, ModelId = _modelName };
            }
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails
        {
            InputTokenCount = promptTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = promptTokens + outputTokens,
        })])
        {
            ResponseId = responseId,
            ModelId = _modelName,
            FinishReason = outputTokens >= inference.MaxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("local", null, _modelName)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The weights belong to LlamaLocalModels, shared by every client of the same file.
    }

    /// <summary>The conversation in the model's chat template (llama.cpp falls back to ChatML when the file has none).</summary>
    private string Prompt(IEnumerable<ChatMessage> messages)
    {
        var template = new LLamaTemplate(_weights, strict: false) { AddAssistant = true };
        foreach (var message in messages)
        {
            var role = message.Role == ChatRole.System ? "system" : message.Role == ChatRole.Assistant ? "assistant" : "user";
            template.Add(role, message.Text);
        }

        return Encoding.UTF8.GetString(template.Apply());
    }
}
