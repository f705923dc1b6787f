using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Testing.Scripting;

/// <summary>A request a <see cref="ScriptedChatClient"/> received: a snapshot of the messages and options.</summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(int index, IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        Index = index;

        // Snapshot: the caller may keep appending to its own list after the call.
        Messages = [.. messages.Select(m => new ChatMessage(m.Role, [.. m.Contents]))];
        Options = options?.Clone();
        Streaming = streaming;
    }

    /// <summary>Position of the request at its client, from 0.</summary>
    public int Index { get; }

    /// <summary>The messages sent.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>The options sent (a copy).</summary>
    public ChatOptions? Options { get; }

    /// <summary>True for a streaming call.</summary>
    public bool Streaming { get; }

    /// <summary>Names of the tools offered.</summary>
    public IReadOnlyList<string> ToolNames => [.. (Options?.Tools ?? []).Select(t => t.Name)];

    /// <summary>The text of the system message(s).</summary>
    public string SystemText => string.Join("\n", Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));

    /// <summary>The text of the first user message.</summary>
    public string UserText => Messages.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";

    /// <summary>The results of tool calls sent back in this request, as text.</summary>
    public IReadOnlyList<string> FunctionResults =>
        [.. Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => ResultText(r.Result))];

    /// <summary>
    /// The allowed values of the <c>vote</c> tool's <c>agent_id</c> parameter, or <c>null</c> when no vote tool was
    /// offered.
    /// </summary>
    public IReadOnlyList<string>? VoteEnum
    {
        get
        {
            var vote = Options?.Tools?.OfType<AIFunctionDeclaration>().FirstOrDefault(t => t.Name == "vote");
            if (vote is null)
            {
                return null;
            }

            if (vote.JsonSchema.TryGetProperty("properties", out var properties)
                && properties.TryGetProperty("agent_id", out var agentId)
                && agentId.TryGetProperty("enum", out var values))
            {
                return [.. values.EnumerateArray().Select(v => v.GetString() ?? "")];
            }

            return [];
        }
    }

    /// <summary>
    /// Everything a model can read in this request: message texts, reasoning, tool calls and results, and every tool's
    /// name, description and schema. Used to prove that no real agent id leaks to a model.
    /// </summary>
    public string AllVisibleText
    {
        get
        {
            var text = new StringBuilder();
            foreach (var content in Messages.SelectMany(m => m.Contents))
            {
                text.AppendLine(content switch
                {
                    TextContent t => t.Text,
                    TextReasoningContent r => r.Text,
                    FunctionCallContent c => c.Name + " " + JsonSerializer.Serialize(c.Arguments),
                    FunctionResultContent r => ResultText(r.Result),
                    _ => content.ToString(),
                });
            }

            foreach (var tool in Options?.Tools ?? [])
            {
                text.AppendLine(tool.Name).AppendLine(tool.Description);
                if (tool is AIFunctionDeclaration function)
                {
                    text.AppendLine(function.JsonSchema.GetRawText());
                }
            }

            return text.ToString();
        }
    }

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText(),
        _ => result.ToString() ?? "",
    };
}
