using System.Text.Json.Nodes;

namespace MassGen.Providers.Catalog;

/// <summary>
/// Request fields that MassGen's own request building sets, per wire protocol, so a backend block can never pass them
/// through (as a top-level key or inside <c>extra_body</c>). A pass-through copy would silently override what the
/// engine relies on: <c>stream: false</c> makes the SDK read a plain JSON reply as an empty stream, <c>tools</c> or
/// <c>tool_choice</c> would hide the decision tools, <c>previous_response_id</c> would send the conversation twice.
/// Both the configuration validator and <see cref="ProviderFactory.Validate"/> ask this class.
/// </summary>
public static class ReservedRequestKeys
{
    private const string Stream = "MassGen always streams (live output and the idle timeout depend on it); remove it";
    private const string Model = "set model in the backend block itself";
    private const string Conversation = "MassGen builds the conversation from the task and the answers; put standing instructions in the agent's system_message";
    private const string Instructions = "use system_message on the agent";
    private const string Tools = "tools come from mcp_servers, enable_mcp_command_line, enable_web_search and enable_code_interpreter / enable_code_execution";
    private const string ToolChoice = "MassGen chooses per turn so that the decision tools (new_answer, vote) stay callable; remove it";
    private const string Parallel = "MassGen sets it per turn (false while the decision tools are offered, true otherwise); remove it";
    private const string Store = "use store: true or false in the backend block";

    private static readonly Dictionary<string, string> s_common = new(StringComparer.Ordinal)
    {
        ["stream"] = Stream,
        ["model"] = Model,
        ["tools"] = Tools,
        ["tool_choice"] = ToolChoice,
    };

    private static readonly Dictionary<string, string> s_responses = new(s_common, StringComparer.Ordinal)
    {
        ["input"] = Conversation,
        ["instructions"] = Instructions,
        ["previous_response_id"] = "MassGen sends the whole conversation in every request (which also works with store: false); remove it",
        ["conversation"] = "MassGen sends the whole conversation in every request (which also works with store: false); remove it",
        ["parallel_tool_calls"] = Parallel,
        ["store"] = Store,
    };

    private static readonly Dictionary<string, string> s_chatCompletions = new(s_common, StringComparer.Ordinal)
    {
        ["messages"] = Conversation,
        ["stream_options"] = "MassGen asks for usage in the stream itself (stream_options.include_usage); remove it",
        ["functions"] = Tools,
        ["function_call"] = ToolChoice,
        ["parallel_tool_calls"] = Parallel,
        ["store"] = Store,
    };

    private static readonly Dictionary<string, string> s_anthropic = new(s_common, StringComparer.Ordinal)
    {
        ["messages"] = Conversation,
        ["system"] = Instructions,
        ["tool_choice"] = "MassGen chooses per turn so that the decision tools stay callable, and sets disable_parallel_tool_use itself; remove it",
    };

    /// <summary>
    /// Why <paramref name="key"/> may not be passed through to a backend of <paramref name="type"/>, with what to use
    /// instead; <c>null</c> when it may.
    /// </summary>
    public static string? Explain(BackendTypeInfo type, string key)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(key);
        var reserved = ReservedFor(type.Protocol);
        return reserved is not null && reserved.TryGetValue(key, out var reason)
            ? $"'{key}' is set by MassGen's request building and cannot be passed through: {reason}"
            : null;
    }

    /// <summary>
    /// Every reserved key among the pass-through keys <paramref name="passThrough"/> of a backend block, top level and
    /// inside <c>extra_body</c> (reported as <c>extra_body.key</c>).
    /// </summary>
    public static IReadOnlyList<BackendProblem> Find(BackendTypeInfo type, IReadOnlyDictionary<string, JsonNode?> passThrough)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(passThrough);
        var problems = new List<BackendProblem>();
        foreach (var (key, value) in passThrough)
        {
            if (key == "extra_body" && value is JsonObject extra)
            {
                problems.AddRange(extra.Select(e => (e.Key, Reason: Explain(type, e.Key)))
                    .Where(e => e.Reason is not null)
                    .Select(e => new BackendProblem($"extra_body.{e.Key}", e.Reason!)));
            }
            else if (Explain(type, key) is { } reason)
            {
                problems.Add(new BackendProblem(key, reason));
            }
        }

        return problems;
    }

    /// <summary>What is wrong with setting <c>store</c> on a backend of <paramref name="type"/>; <c>null</c> when it applies.</summary>
    public static string? StoreProblem(BackendTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Protocol switch
        {
            WireProtocol.OpenAIResponses or WireProtocol.ChatCompletions or WireProtocol.AzureOpenAI => null,
            WireProtocol.AnthropicMessages => "the Anthropic Messages API has no store setting (it keeps no conversation state); remove store",
            _ => $"type {type.Type} sends nothing to a provider that could store it; remove store",
        };
    }

    private static Dictionary<string, string>? ReservedFor(WireProtocol protocol) => protocol switch
    {
        WireProtocol.OpenAIResponses => s_responses,
        WireProtocol.ChatCompletions or WireProtocol.AzureOpenAI => s_chatCompletions,
        WireProtocol.AnthropicMessages => s_anthropic,
        _ => null,
    };
}
