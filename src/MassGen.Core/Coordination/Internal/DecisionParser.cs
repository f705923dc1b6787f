using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Reads decisions from tool calls and from JSON objects in text (for models that cannot call tools).</summary>
internal static class DecisionParser
{
    public static DecisionKind? KindOf(string toolName) => toolName switch
    {
        DecisionTools.NewAnswerName => DecisionKind.NewAnswer,
        DecisionTools.VoteName => DecisionKind.Vote,
        DecisionTools.SubmitName => DecisionKind.Submit,
        DecisionTools.RestartName => DecisionKind.RestartOrchestration,
        _ => null,
    };

    public static Decision FromCall(FunctionCallContent call, DecisionKind kind)
    {
        if (call.Exception is not null)
        {
            return new Decision(kind, call.Name, call.CallId) { Problem = "the arguments are not valid JSON" };
        }

        return Read(kind, call.Name, call.CallId, name => call.Arguments is { } args && args.TryGetValue(name, out var value) ? value : null);
    }

    /// <summary>Every JSON object with an <c>action</c> property found in <paramref name="text"/>, as decisions.</summary>
    public static IReadOnlyList<Decision> FromText(string text)
    {
        var decisions = new List<Decision>();
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var start = Array.IndexOf(bytes, (byte)'{'); start >= 0 && start < bytes.Length; start = Array.IndexOf(bytes, (byte)'{', start + 1))
        {
            if (TryReadObject(bytes.AsSpan(start), out var length, out var json)
                && json.ValueKind == JsonValueKind.Object
                && json.TryGetProperty("action", out var action))
            {
                var name = action.ValueKind == JsonValueKind.String ? StringOf(action) ?? "" : action.ToString();
                decisions.Add(KindOf(name) is { } kind
                    ? Read(kind, name, null, property => json.TryGetProperty(property, out var value) ? value : null)
                    : new Decision(DecisionKind.NewAnswer, name, null) { Problem = $"unknown action '{name}' (use new_answer or vote)" });
                start += length - 1;
            }
        }

        return decisions;
    }

    private static Decision Read(DecisionKind kind, string toolName, string? callId, Func<string, object?> argument)
    {
        string? problem = null;
        string Text(string name, bool required)
        {
            var value = argument(name) switch
            {
                null => null,
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => StringOf(e) ?? Invalid($"'{name}' is not valid text (a lone surrogate escape such as \\ud800)"),
                JsonElement { ValueKind: JsonValueKind.Null } => null,
                var other => (problem ??= $"'{name}' must be a string") is null ? other.ToString() : null,
            };
            if (required && string.IsNullOrWhiteSpace(value))
            {
                problem ??= $"'{name}' is missing or empty";
            }

            return value ?? "";
        }

        string? Invalid(string message)
        {
            problem ??= message;
            return null;
        }

        var decision = kind switch
        {
            DecisionKind.NewAnswer => new Decision(kind, toolName, callId) { Content = Text("content", required: true) },
            DecisionKind.Vote => new Decision(kind, toolName, callId) { Label = Text("agent_id", required: true).Trim(), Reason = Text("reason", required: false) },
            DecisionKind.RestartOrchestration => new Decision(kind, toolName, callId) { Reason = Text("reason", required: false), Instructions = Text("instructions", required: false) },
            _ => new Decision(kind, toolName, callId),
        };
        return decision with { Problem = problem };
    }

    // A \u escape of a lone surrogate is valid JSON but no .NET text: GetString throws, so it counts as no string.
    private static string? StringOf(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TryReadObject(ReadOnlySpan<byte> utf8, out int length, out JsonElement json)
    {
        length = 0;
        json = default;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!JsonElement.TryParseValue(ref reader, out var element) || element is null)
            {
                return false;
            }

            length = (int)reader.BytesConsumed;
            json = element.Value;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
