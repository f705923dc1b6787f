using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using MassGen.Providers.Internal;
using MassGen.Testing;

namespace MassGen.Providers.Tests.Properties;

/// <summary>
/// For any JSON object body, patch and renames, the single-pass rewrite sends the same JSON as the JsonNode path, and it
/// leaves a body to that path exactly when the path would merge values or the renamed keys collide.
/// </summary>
public sealed class JsonBodyRewriterProperties
{
    // Few names, so bodies, patches and renames often meet; some need escaping, one is not valid UTF-16.
    private static readonly string[] s_names =
    [
        "model", "messages", "tools", "max_completion_tokens", "max_tokens", "reasoning", "text", "stream",
        "a\"b", "x\\y", "é", "中文", "😀", "</script>", "tab\t", "",
    ];

    private static readonly Gen<string> s_name = PropertyCheck.Weighted((6, Gen.OneOf(s_names)), (1, Gen.String[Gen.Char, 0, 5]));

    private static readonly Gen<string> s_text = PropertyCheck.Weighted(
        (3, Gen.OneOf("a", " ", "\"", "\\", "\\u", "\\ud800", "/", "\n", "\t", "\u0000", "\u001f", "é", "中文", "😀", "\ud800", "\udc00", "<&>'+", "\u2028").List[0, 8].Select(string.Concat)),
        (1, Gen.String[Gen.Char, 0, 12]));

    private static readonly Gen<string> s_number = PropertyCheck.Weighted(
        (2, Gen.OneOf("0", "-0", "3.25", "-17", "1e400", "1.0E-7", "12345678901234567890123", "0.1000")),
        (1, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

    private static readonly Gen<string> s_scalar = PropertyCheck.Weighted(
        (4, s_text.Select(t => JsonSerializer.Serialize(t))), (3, s_number), (1, Gen.OneOf("true", "false", "null")));

    // Edits that break JSON in every way a scanner can get wrong, and some that keep it valid.
    private static readonly Gen<string> s_edit = Gen.OneOf(
        ",", ":", "{", "}", "[", "]", "\"", "\\", " ", "\n", "0", "1", ".", "e", "E", "-", "+", "t", "u", "n", "l", "/", "\t", "\u0001", "\\u", "\\ud800", "\\udc00", "x");

    private static readonly JsonSerializerOptions[] s_layouts =
    [
        new(),
        new() { WriteIndented = true },
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
        new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
    ];

    private static readonly Gen<Case> s_case = Gen.Select(
        ObjectText(s_name, depth: 3, maxCount: 8),
        Gen.Int[0, s_layouts.Length - 1],
        PropertyCheck.Weighted((1, Gen.Const("")), (4, ObjectText(s_name, depth: 2, maxCount: 4))),
        Gen.Select(Gen.OneOf(s_names), Gen.OneOf(s_names)).List[0, 3],
        (body, layout, patch, renames) => new Case(
            JsonNode.Parse(body)!.ToJsonString(s_layouts[layout]),
            patch.Length == 0 ? null : JsonNode.Parse(patch)!.AsObject(),
            renames.DistinctBy(r => r.Item1).ToDictionary(r => r.Item1, r => r.Item2)));

    [Fact]
    public void TryRewrite_GeneratedBodies_SameJsonAsJsonNodePathOrLeavesItToThatPath()
    {
        var rewritten = 0;
        var left = 0;
        PropertyCheck.ForAll(s_case, iterations: 2_000, seed: 40_101, c =>
        {
            var expected = JsonNode.Parse(ProviderHttpHandler.PatchWithJsonNode(c.Body, "application/json", c.Patch, c.Renames, null).ReadAsStream());

            var content = new JsonBodyRewriter(c.Patch, c.Renames).TryRewrite(Encoding.UTF8.GetBytes(c.Body));

            Assert.Equal(JsonNodePathNeeded(JsonNode.Parse(c.Body)!.AsObject(), c.Patch, c.Renames), content is null);
            if (content is not null)
            {
                var actual = JsonNode.Parse(content.ReadAsStream());
                Assert.True(JsonNode.DeepEquals(expected, actual), $"JsonNode path: {expected?.ToJsonString()}\nrewrite: {actual?.ToJsonString()}");
                rewritten++;
            }
            else
            {
                left++;
            }
        }, Print);

        // Both outcomes are common enough that the property checks each.
        Assert.True(rewritten > 500, $"rewritten {rewritten}");
        Assert.True(left > 100, $"left to the JsonNode path {left}");
    }

    [Fact]
    public void TryRewrite_CorruptedBodies_AcceptsOnlyWhatTheJsonNodePathSendsTheSame()
    {
        var corrupted = Gen.Select(s_case, Gen.Int[0, 1_000_000], Gen.Int[0, 2], s_edit, (c, position, kind, edit) =>
        {
            var at = position % (c.Body.Length + 1);
            var body = (kind, at < c.Body.Length) switch
            {
                (0, _) => c.Body.Insert(at, edit),
                (1, true) => c.Body.Remove(at, 1),
                (_, true) => c.Body.Remove(at, 1).Insert(at, edit),
                _ => c.Body + edit,
            };
            return c with { Body = body };
        });
        var accepted = 0;
        PropertyCheck.ForAll(corrupted, iterations: 3_000, seed: 40_201, c =>
        {
            var bytes = Encoding.UTF8.GetBytes(c.Body);

            var content = new JsonBodyRewriter(c.Patch, c.Renames).TryRewrite(bytes);

            if (content is not null)
            {
                // The JsonNode path must succeed on it too and send the same JSON.
                using var expected = JsonDocument.Parse(ProviderHttpHandler.PatchWithJsonNode(Encoding.UTF8.GetString(bytes), "application/json", c.Patch, c.Renames, null).ReadAsStream());
                using var actual = JsonDocument.Parse(content.ReadAsStream());
                Assert.True(SameJson(expected.RootElement, actual.RootElement), $"JsonNode path: {expected.RootElement}\nrewrite: {actual.RootElement}");
                accepted++;
            }
        }, Print);

        Assert.True(accepted > 300, $"accepted {accepted}");
    }

    // The cases the rewrite must leave, stated on the parsed body: renames that chain, two keys renamed to one, and
    // patch keys that ProviderHttpHandler.Merge combines with the body's value instead of replacing it.
    private static bool JsonNodePathNeeded(JsonObject body, JsonObject? patch, Dictionary<string, string> renames)
    {
        if (renames.Values.Any(renames.ContainsKey))
        {
            return true;
        }

        var renamed = body.Select(p => (Name: renames.GetValueOrDefault(p.Key, p.Key), p.Value)).ToList();
        if (renamed.DistinctBy(p => p.Name).Count() != renamed.Count)
        {
            return true;
        }

        return patch is not null && renamed.Any(p => patch.TryGetPropertyValue(p.Name, out var value)
            && ((value is JsonObject && p.Value is JsonObject) || (p.Name == "tools" && value is JsonArray && p.Value is JsonArray)));
    }

    private static Gen<string> Value(Gen<string> name, int depth) => depth == 0
        ? s_scalar
        : PropertyCheck.Weighted((4, s_scalar), (1, ObjectText(name, depth - 1, 4)), (1, Value(name, depth - 1).List[0, 4].Select(items => "[" + string.Join(",", items) + "]")));

    // An object's text with distinct keys (duplicates are a separate case), keys escaped as a serialiser writes them.
    private static Gen<string> ObjectText(Gen<string> name, int depth, int maxCount) =>
        Gen.Select(name, Value(name, depth)).List[0, maxCount].Select(members =>
            "{" + string.Join(",", members.DistinctBy(m => JsonSerializer.Serialize(m.Item1)).Select(m => JsonSerializer.Serialize(m.Item1) + ":" + m.Item2)) + "}");

    // Like JsonElement.DeepEquals, but numbers by their text (an edit can make an exponent DeepEquals cannot read; both
    // paths pass a body's numbers through as written) and duplicate keys (which both pass through in a nested value)
    // in their order.
    private static bool SameJson(JsonElement expected, JsonElement actual) => (expected.ValueKind, actual.ValueKind) switch
    {
        (JsonValueKind.Object, JsonValueKind.Object) =>
            expected.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToList() is var left
            && actual.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToList() is var right
            && left.Count == right.Count
            && left.Zip(right).All(p => p.First.Name == p.Second.Name && SameJson(p.First.Value, p.Second.Value)),
        (JsonValueKind.Array, JsonValueKind.Array) =>
            expected.GetArrayLength() == actual.GetArrayLength()
            && expected.EnumerateArray().Zip(actual.EnumerateArray()).All(p => SameJson(p.First, p.Second)),
        (JsonValueKind.String, JsonValueKind.String) => expected.GetString() == actual.GetString(),
        (JsonValueKind.Number, JsonValueKind.Number) => expected.GetRawText() == actual.GetRawText(),
        var (left, right) => left == right,
    };

    private static string Print(Case c) =>
        $"body: {c.Body}\npatch: {c.Patch?.ToJsonString()}\nrenames: {string.Join(", ", c.Renames.Select(r => $"{r.Key} -> {r.Value}"))}";

    private sealed record Case(string Body, JsonObject? Patch, Dictionary<string, string> Renames);
}
