using MassGen.Providers.Catalog;
using MassGen.Providers.ClaudeCode;
using MassGen.Providers.Gemini;
using MassGen.Providers.Internal;
using MassGen.Providers.Pricing;
using Microsoft.Extensions.AI;

namespace MassGen.Providers;

/// <summary>
/// Turns an agent's backend block into a ready <see cref="ProviderClient"/>: the provider's SDK client wrapped in
/// resilience (Polly retries before the first chunk, idle timeout between chunks), cost accounting and error
/// translation. <see cref="Validate"/> runs the same checks without creating anything.
/// </summary>
public static class ProviderFactory
{
    /// <summary>Default idle timeout between streamed chunks.</summary>
    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Default number of retries of a transient failure.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>
    /// Every problem of <paramref name="settings"/> (unknown type, missing model, base URL or key, a built-in tool the
    /// type lacks, out-of-range parameters), each with its key and fix; warnings are marked
    /// (<see cref="BackendProblem.IsWarning"/>). This is the one set of backend rules: the configuration loader reports
    /// these problems with the file's paths and lines. Empty when the block is usable.
    /// </summary>
    public static IReadOnlyList<BackendProblem> Validate(BackendSettings settings, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        return BackendSettingsValidator.Validate(settings, environment);
    }

    /// <summary>Creates the client of agent <paramref name="agentId"/>.</summary>
    /// <exception cref="BackendConfigurationException">The settings have problems (all of them are listed).</exception>
    public static ProviderClient Create(string agentId, BackendSettings settings, ProviderContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var problems = BackendSettingsValidator.Validate(settings, context.Environment).Where(p => !p.IsWarning).ToList();
        var type = ProviderCatalog.Find(settings.Type);
        if (type?.Protocol == WireProtocol.LocalGguf && context.LocalModels is null)
        {
            problems.Add(new("type", "type local needs the MassGen.Providers.Local package: pass a LlamaLocalModels instance as ProviderContext.LocalModels"));
        }

        if (problems.Count > 0 || type is null)
        {
            throw new BackendConfigurationException(agentId, problems);
        }

        var model = settings.Model ?? type.DefaultModel!;
        var endpoint = BackendSettingsValidator.Endpoint(settings, type, context.Environment);
        var (apiKey, keyVariables) = BackendSettingsValidator.ApiKey(settings, type, context.Environment);
        var maxRetries = settings.MaxRetries ?? DefaultMaxRetries;
        var idleTimeout = settings.IdleTimeout ?? DefaultIdleTimeout;
        var price = PriceTable.Resolve(model, settings.Price);

        IChatClient provider = type.Protocol switch
        {
            WireProtocol.LocalGguf => CreateLocal(agentId, context.LocalModels!, settings with { Model = model }),
            WireProtocol.ClaudeCodeCli => new ClaudeCodeChatClient(
                ExecutableLocator.Find("claude", context.Environment)!, model, apiKey, context.Environment, context.WorkingDirectory, settings),
            WireProtocol.Gemini => SdkClients.CreateGemini(GeminiBackendMapping.Create(model, new Uri(endpoint!), apiKey, settings), settings.ExtraHeaders, context),
            _ => Shape(type, SdkClients.Create(agentId, type, model, new Uri(endpoint!), apiKey, settings, context)),
        };

        var call = new ProviderCallContext(agentId, type, model, endpoint ?? type.Type, keyVariables, maxRetries);
        var pipeline = new ChatClientBuilder(provider)
            .Use(inner => new ProviderErrorChatClient(inner, call))
            .Use(inner => (context.RateLimits ?? SharedRateLimits.Process).Wrap(inner, type, endpoint ?? type.Type, apiKey, settings, context.TimeProvider))
            .Use(inner => new CostAccountingChatClient(inner, price))
            .Use(inner => new ResilientChatClient(inner, maxRetries, idleTimeout, context.TimeProvider))
            .Build();

        return new ProviderClient(agentId, type, model, pipeline, Options(type, model, settings), BuiltInTools(type, settings), price)
        {
            DecisionsAsJsonText = DecisionsAsJsonText(type, model, settings),
        };
    }

    // Per-call request settings the SDK adapters do not carry on their own: a reasoning model's items between the
    // calls of a turn, and at most one tool call per response while decisions are offered.
    private static IChatClient Shape(BackendTypeInfo type, IChatClient sdk) =>
        ParallelToolCallsChatClient.Wrap(type.Protocol == WireProtocol.OpenAIResponses ? new ResponsesReasoningChatClient(sdk) : sdk, type);

    // A model file that cannot be loaded is a problem of the backend block's `model`, reported like every other one.
    private static IChatClient CreateLocal(string agentId, ILocalChatClientFactory localModels, BackendSettings settings)
    {
        try
        {
            return localModels.Create(settings);
        }
        catch (InvalidOperationException exception)
        {
            throw new BackendConfigurationException(agentId, [new BackendProblem("model", exception.Message)]);
        }
    }

    /// <summary>
    /// Whether the agent's decisions go through JSON in text: always for the types the catalog marks, and for Gemini
    /// models that cannot take built-in tools and function declarations in one request when a built-in tool is on.
    /// </summary>
    internal static bool DecisionsAsJsonText(BackendTypeInfo type, string model, BackendSettings settings) =>
        type.DecisionsAsJsonText
        || (type.Protocol == WireProtocol.Gemini && (settings.EnableWebSearch || settings.EnableCodeExecution)
            && !GeminiModels.CombinesBuiltInAndFunctionTools(model));

    private static ChatOptions Options(BackendTypeInfo type, string model, BackendSettings settings)
    {
        var options = new ChatOptions
        {
            ModelId = model,
            Temperature = settings.Temperature,
            TopP = settings.TopP,
            MaxOutputTokens = settings.MaxTokens,
        };

        // OpenAI-style reasoning goes into the body verbatim (RequestBodyPatch); Anthropic's adapter maps the options.
        if (type.Protocol == WireProtocol.AnthropicMessages && settings.Reasoning is { } reasoning)
        {
            options.Reasoning = new ReasoningOptions
            {
                Effort = reasoning.Effort?.ToLowerInvariant() switch
                {
                    null => null,
                    "none" => ReasoningEffort.None,
                    "minimal" or "low" => ReasoningEffort.Low,
                    "medium" => ReasoningEffort.Medium,
                    "high" => ReasoningEffort.High,
                    _ => ReasoningEffort.ExtraHigh,
                },
                Output = reasoning.Summary?.ToLowerInvariant() == "none" ? ReasoningOutput.None : null,
            };
        }

        return options;
    }

    private static List<AITool> BuiltInTools(BackendTypeInfo type, BackendSettings settings)
    {
        var tools = new List<AITool>();

        // Grok's live search is a request parameter (RequestBodyPatch) and Claude Code searches on its own.
        if (settings.EnableWebSearch && type.Protocol is WireProtocol.OpenAIResponses or WireProtocol.AnthropicMessages or WireProtocol.Gemini)
        {
            tools.Add(new HostedWebSearchTool());
        }

        if (settings.EnableCodeInterpreter || settings.EnableCodeExecution)
        {
            tools.Add(new HostedCodeInterpreterTool());
        }

        return tools;
    }
}
