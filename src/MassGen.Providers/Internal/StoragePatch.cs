using System.Text.Json.Nodes;
using MassGen.Providers.Catalog;

namespace MassGen.Providers.Internal;

/// <summary>
/// What the provider may keep (<c>store</c>) and, when it keeps nothing, how a reasoning model's state still survives
/// between the calls of a turn: OpenAI's Responses API returns each reasoning item's <c>encrypted_content</c> only when
/// the request includes <c>reasoning.encrypted_content</c>, and an unstored item sent back without it cannot be found.
/// </summary>
internal static class StoragePatch
{
    public const string EncryptedReasoning = "reasoning.encrypted_content";

    /// <summary>Adds <c>store</c> (and the reasoning include) to <paramref name="patch"/>, after the pass-through keys.</summary>
    public static void Apply(BackendTypeInfo type, BackendSettings settings, JsonObject patch)
    {
        switch (type.Protocol)
        {
            case WireProtocol.OpenAIResponses:
                // The Responses API stores every response unless told not to: private by default, stored on request.
                var store = settings.Store ?? false;
                patch["store"] = store;
                if (!store && IsReasoningModel(settings.Model ?? type.DefaultModel, settings.Reasoning))
                {
                    var include = patch["include"] as JsonArray ?? [];
                    if (!include.Any(i => i?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)i == EncryptedReasoning))
                    {
                        include.Add(EncryptedReasoning);
                    }

                    patch["include"] = include;
                }

                break;
            case WireProtocol.ChatCompletions or WireProtocol.AzureOpenAI when settings.Store is { } chatStore:
                patch["store"] = chatStore;
                break;
        }
    }

    /// <summary>
    /// Whether the model reasons. The API rejects the reasoning include for other models ("Encrypted content is not
    /// supported with this model"), so it is asked for only when a reasoning block is configured or the model is one of
    /// OpenAI's reasoning families (o-series, gpt-5 except its chat variants, codex).
    /// </summary>
    public static bool IsReasoningModel(string? model, ReasoningSettings? reasoning)
    {
        if (reasoning?.Effort is not null || reasoning?.Summary is not null)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            return false;
        }

        var name = model[(model.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (name.Contains("-chat", StringComparison.Ordinal))
        {
            return false;
        }

        return name.StartsWith("gpt-5", StringComparison.Ordinal) || name.StartsWith("codex", StringComparison.Ordinal)
            || (name.Length >= 2 && name[0] == 'o' && char.IsAsciiDigit(name[1]));
    }
}
