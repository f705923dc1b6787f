using System.Text.Json;
using CsCheck;
using MassGen.Core.Coordination.Internal;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Properties;

/// <summary>
/// Whatever a model sends, the decision parser answers with decisions that are either well formed or carry a
/// <see cref="Decision.Problem"/> to feed back; it never throws.
/// </summary>
public sealed class DecisionParserProperties
{
    private static readonly string[] s_values =
    [
        "\"A1\"", "\" agent2 \"", "\"\"", "\"   \"", "null", "true", "1", "-0", "1e999", "[]", "[\"A1\"]", "{}", "{\"x\":1}",
        "\"\\ud800\"", "\"\\u0000\"", "\"é\"", "\"a\\nb\"",
    ];

    private static readonly Gen<string> s_property = Gen.OneOf("content", "agent_id", "reason", "instructions", "action", "Content", "");
    private static readonly Gen<string> s_action = Gen.OneOf("\"new_answer\"", "\"vote\"", "\"submit\"", "\"restart_orchestration\"", "\"dance\"", "\"\"", "1", "null", "[\"vote\"]", "{}");

    // An argument object: properties with random values, sometimes duplicated, sometimes cut short.
    private static readonly Gen<string> s_arguments = Gen.Select(
        Gen.Select(s_property, Gen.OneOf(s_values), (k, v) => $"\"{k}\": {v}").List[0, 4],
        Gen.Int[0, 5],
        (members, cut) =>
        {
            var full = "{" + string.Join(", ", members) + "}";
            return cut == 0 ? full[..(full.Length / 2)] : full;
        });

    private static readonly string[] s_noise =
    [
        "I vote for ", "```json\n", "\n```", "{", "}", "{{", "\"action\"", ": ", ",", "/* c */", "// c\n", "\\", "\"", "\ud800",
        "é", " ", "\n", "[", "]",
    ];

    [Fact]
    public void FromCall_GeneratedArguments_GivesFieldsOrProblemNeverThrows() =>
        PropertyCheck.ForAll(Gen.Select(Gen.OneOf("new_answer", "vote", "submit", "restart_orchestration"), s_arguments), iterations: 1_000, seed: 18_201, pair =>
        {
            var (name, json) = pair;
            var call = FunctionCallContent.CreateFromParsedArguments(json, "call_1", name,
                text => JsonSerializer.Deserialize<Dictionary<string, object?>>(text));

            var decision = DecisionParser.FromCall(call, DecisionParser.KindOf(name)!.Value);

            Assert.Equal(name, decision.ToolName);
            Assert.Equal("call_1", decision.CallId);
            AssertWellFormedOrProblem(decision);
        });

    [Fact]
    public void FromText_GeneratedText_GivesDecisionsOrProblemsNeverThrows()
    {
        var objectText = Gen.Select(s_action, s_arguments, (action, args) =>
            args.StartsWith('{') && args.Length > 1 ? "{\"action\": " + action + ", " + args[1..] : "{\"action\": " + action + "}");
        var text = PropertyCheck.Weighted((3, Gen.OneOf(s_noise)), (1, objectText)).List[0, 12].Select(string.Concat);

        PropertyCheck.ForAll(text, iterations: 1_000, seed: 18_202, input =>
        {
            var decisions = DecisionParser.FromText(input);

            Assert.All(decisions, AssertWellFormedOrProblem);
        });
    }

    [Fact]
    public void FromText_ArbitraryText_NeverThrows() =>
        PropertyCheck.ForAll(Gen.String[Gen.Char, 0, 300], iterations: 500, seed: 18_203, input =>
            Assert.All(DecisionParser.FromText(input), AssertWellFormedOrProblem));

    private static void AssertWellFormedOrProblem(Decision decision)
    {
        if (decision.Problem is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(decision.Problem));
            return;
        }

        switch (decision.Kind)
        {
            case DecisionKind.NewAnswer:
                Assert.False(string.IsNullOrWhiteSpace(decision.Content));
                break;
            case DecisionKind.Vote:
                Assert.False(string.IsNullOrWhiteSpace(decision.Label));
                Assert.Equal(decision.Label.Trim(), decision.Label);
                break;
            default:
                break;
        }
    }
}
