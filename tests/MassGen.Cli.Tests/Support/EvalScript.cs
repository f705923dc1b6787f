using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Support;

/// <summary>
/// Scripted members for <c>massgen eval</c> on GSM8K items "Item N: …" whose gold is 100 + N: each member's right and
/// wrong answers per item are fixed, so every figure of the report is known. Alone, a member answers its own number
/// (the gold when right, gold + 1 when wrong). In the team it first answers the same, then votes for the first
/// answer that holds the team's fixed number for the item, and the winner presents that number. A member that has not
/// answered yet answers even when a peer's answer is already in its prompt (a first turn whose request leaves after a
/// peer's answer came back, as on a loaded machine), so the figures do not depend on timing. The council's chairman
/// repeats its own answer. Every call reports 100 input and 10 output tokens.
/// </summary>
internal sealed partial class EvalScript
{
    public const int InputTokens = 100, OutputTokens = 10;

    private readonly Dictionary<string, HashSet<int>> _right;
    private readonly HashSet<int> _teamRight;

    public EvalScript(Dictionary<string, HashSet<int>> rightByModel, HashSet<int> teamRight)
    {
        _right = rightByModel;
        _teamRight = teamRight;
    }

    /// <summary>Single calls of (model, item) that fail with a 400, as a provider refusing one request.</summary>
    public HashSet<(string Model, int Item)> Failures { get; } = [];

    /// <summary>Called with each request's item before it is answered; the turn it returns (when not null) is served instead.</summary>
    public Func<int, RecordedRequest, FakeTurn?>? Intercept { get; set; }

    public static string Gsm8kFile(int items) => string.Concat(Enumerable.Range(0, items).Select(i =>
        new JsonObject { ["question"] = $"Item {i}: what is {100 + i} plus zero?", ["answer"] = $"{100 + i} + 0 = {100 + i}\n#### {100 + i}" }.ToJsonString() + "\n"));

    public string TeamYaml(Uri baseUrl) => "agents:\n" + string.Concat(_right.Keys.Select(model =>
        $"  - id: {model}\n    backend: {{ type: vllm, model: {model}, base_url: \"{baseUrl}\", price: {{ input_per_million: 1, output_per_million: 2 }} }}\n"));

    public FakeTurn Respond(RecordedRequest request)
    {
        var model = request.Model!;
        var text = AllText(request.Body);
        var item = int.Parse(ItemPattern().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        if (Intercept?.Invoke(item, request) is { } intercepted)
        {
            return intercepted;
        }

        var tools = request.Body?["tools"]?.AsArray().Select(t => t?["function"]).ToList() ?? [];
        var own = Own(model, item);
        FakeTurn turn;
        if (tools.Any(t => (string?)t?["name"] == "new_answer"))
        {
            var vote = tools.FirstOrDefault(t => (string?)t?["name"] == "vote");
            var labels = vote?["parameters"]?["properties"]?["agent_id"]?["enum"]?.AsArray().Select(l => (string)l!).ToList() ?? [];
            var target = Number(item, _teamRight.Contains(item));
            var holding = labels.FirstOrDefault(l => Regex.IsMatch(text, $"<{l}>\\n[^<]*#### {target}\\b"));
            var answered = text.Contains(Own(model, item), StringComparison.Ordinal);
            turn = holding is not null && answered
                ? FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = holding, ["reason"] = "holds the right number" }.ToJsonString())
                : FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = own }.ToJsonString());
        }
        else if (text.Contains("Write the final answer now.", StringComparison.Ordinal))
        {
            turn = FakeTurn.Text($"Final: #### {Number(item, _teamRight.Contains(item))}");
        }
        else if (Failures.Contains((model, item)) && !text.Contains("Several assistants answered", StringComparison.Ordinal))
        {
            return FakeTurn.Error(400, $"{model} refuses item {item}");
        }
        else
        {
            // Alone, and as the council's chairman: its own answer.
            turn = FakeTurn.Text(own);
        }

        return turn.WithUsage(InputTokens, OutputTokens);
    }

    public bool IsRight(string model, int item) => _right[model].Contains(item);

    private string Own(string model, int item) => $"{model} works it out. #### {Number(item, IsRight(model, item))}";

    private static int Number(int item, bool right) => 100 + item + (right ? 0 : 1);

    private static string AllText(JsonNode? body)
    {
        var text = new StringBuilder();
        foreach (var message in body?["messages"]?.AsArray() ?? [])
        {
            var content = message?["content"];
            if (content is JsonValue value)
            {
                text.Append(value.GetValue<string>()).Append('\n');
            }
            else if (content is JsonArray parts)
            {
                foreach (var part in parts)
                {
                    text.Append((string?)part?["text"]).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"Item (\d+):")]
    private static partial Regex ItemPattern();
}
