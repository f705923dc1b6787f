using System.Text;
using CsCheck;
using MassGen.Testing;

namespace MassGen.Configuration.Tests.Properties;

/// <summary>Small YAML and JSON texts shaped like configurations, and random edits of the shipped examples.</summary>
internal static class ConfigGenerators
{
    private static readonly string[] s_keys =
    [
        "agents", "agent", "id", "backend", "type", "model", "api_key", "base_url", "temperature", "max_tokens",
        "orchestrator", "timeout", "orchestrator_timeout", "idle_timeout", "max_retries", "budget", "max_total_tokens",
        "system_message", "extra_headers", "context_paths", "path", "permission", "ui", "mcp_servers", "command",
        "args", "env", "unknown_key", "voting_sensitivity", "max_new_answers_per_agent", "<<",
    ];

    private static readonly string[] s_scalars =
    [
        "openai", "claude", "gemini", "grok", "ollama", "lmstudio", "gpt-4o", "a", "", "~", "null", "true", "no", "0",
        "-1", "1e308", "-1e308", "1e999", ".inf", "-.inf", ".nan", "NaN", "Infinity", "0x1F", "0o17", "9223372036854775808",
        "1.5", "3600", "${OPENAI_API_KEY}", "${MISSING}", "${", "$${X}", "'quoted'", "\"dq\\u00e9\"", "!!int 5", "!!float x",
        "!!binary AAAA", "!!timestamp 2020-01-01", "&a x", "*a", "*undefined", "|", ">", "\"\\ud800\"", "read", "write",
        "/tmp", "../..", "https://example.invalid/v1", "not a url", "[]", "{}",
    ];

    private static readonly Gen<string> s_key = Gen.OneOf(s_keys);
    private static readonly Gen<string> s_scalar = Gen.OneOf(s_scalars);

    /// <summary>A YAML block document, nested at most three levels, with random keys and scalars.</summary>
    public static Gen<string> Yaml => YamlNode(3, 0).Select(text => text.Length == 0 ? "{}" : text);

    private static Gen<string> YamlNode(int depth, int indent)
    {
        var pad = new string(' ', indent);
        var scalarEntry = Gen.Select(s_key, s_scalar, (k, v) => $"{pad}{k}: {v}\n");
        if (depth == 0)
        {
            return scalarEntry.List[0, 3].Select(string.Concat);
        }

        var child = YamlNode(depth - 1, indent + 2);
        var mapEntry = Gen.Select(s_key, child, (k, c) => $"{pad}{k}:\n{c}");
        var listEntry = Gen.Select(s_key, child.List[0, 3], (k, items) =>
            $"{pad}{k}:\n" + string.Concat(items.Select(i => $"{pad}- " + (i.Length == 0 ? "x\n" : i.TrimStart()))));
        var flowEntry = Gen.Select(s_key, s_scalar.List[0, 3], (k, items) => $"{pad}{k}: [{string.Join(", ", items)}]\n");
        return PropertyCheck.Weighted((4, scalarEntry), (2, mapEntry), (2, listEntry), (1, flowEntry)).List[0, 4].Select(string.Concat);
    }

    /// <summary>A JSON value shaped like a configuration, sometimes with a syntax slip.</summary>
    public static Gen<string> Json => Gen.Select(JsonNode(3), s_jsonSlip, (json, slip) => slip(json));

    private static readonly string[] s_jsonScalars =
    [
        "\"openai\"", "\"gpt-4o\"", "\"\"", "null", "true", "false", "0", "-1", "1.5", "1e308", "-1e308", "1e999",
        "9223372036854775808", "3600", "\"${OPENAI_API_KEY}\"", "\"${MISSING}\"", "\"\\ud800\"", "\"\\u0000\"", "[]", "{}",
    ];

    private static Gen<string> JsonNode(int depth)
    {
        var scalar = Gen.OneOf(s_jsonScalars);
        if (depth == 0)
        {
            return scalar;
        }

        var child = JsonNode(depth - 1);
        var obj = Gen.Select(s_key, child, (k, v) => $"\"{k}\": {v}").List[0, 4].Select(members => "{" + string.Join(", ", members) + "}");
        var array = child.List[0, 3].Select(items => "[" + string.Join(", ", items) + "]");
        return PropertyCheck.Weighted((2, scalar), (3, obj), (1, array));
    }

    private static readonly Gen<Func<string, string>> s_jsonSlip = PropertyCheck.Weighted(
        (6, Gen.Const<Func<string, string>>(json => json)),
        (1, Gen.Int[0, 40].Select<int, Func<string, string>>(cut => json => json[..Math.Min(cut, json.Length)])),
        (1, Gen.Const<Func<string, string>>(json => json + ",")),
        (1, Gen.Const<Func<string, string>>(json => "// comment\n" + json)));

    /// <summary>The text of a shipped example with one to four random edits.</summary>
    public static Gen<string> MutatedExample(IReadOnlyList<string> examples) =>
        Gen.Select(Gen.Int[0, examples.Count - 1], s_mutation.List[1, 4], (index, edits) =>
        {
            var text = new StringBuilder(examples[index]);
            foreach (var edit in edits)
            {
                edit(text);
            }

            return text.ToString();
        });

    private static readonly string[] s_fragments =
    [
        ":", ": ", "- ", "-", "{", "}", "[", "]", ",", "&a ", "*a", "*b", "!!binary ", "!!map ", "!!str ", "\t", "\"", "'",
        "#", "\n", "\n  ", "\r", "?", "|", ">", "%YAML 1.1\n", "---\n", "...\n", "${", "}", "1e999", ".nan", "\ud800", "\0",
        "\ufeff", "<<: *a\n", "key: &a [*a]\n", "9223372036854775808",
    ];

    private static readonly Gen<Action<StringBuilder>> s_mutation = PropertyCheck.Weighted(
        (3, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(s_fragments), (at, fragment) =>
            (Action<StringBuilder>)(text => text.Insert(at % (text.Length + 1), fragment)))),
        (3, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 20], (at, length) =>
            (Action<StringBuilder>)(text =>
            {
                if (text.Length > 0)
                {
                    var start = at % text.Length;
                    text.Remove(start, Math.Min(length, text.Length - start));
                }
            }))),
        (2, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(s_scalars), (at, value) =>
            (Action<StringBuilder>)(text => ReplaceValueOnLine(text, at, value)))),
        (1, Gen.Int[0, int.MaxValue].Select(at =>
            (Action<StringBuilder>)(text => DuplicateLine(text, at)))));

    private static void ReplaceValueOnLine(StringBuilder text, int at, string value)
    {
        var lines = text.ToString().Split('\n');
        var line = lines[at % lines.Length];
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0)
        {
            lines[at % lines.Length] = line[..(colon + 2)] + value;
            text.Clear().Append(string.Join('\n', lines));
        }
    }

    private static void DuplicateLine(StringBuilder text, int at)
    {
        var lines = text.ToString().Split('\n').ToList();
        var index = at % lines.Count;
        lines.Insert(index, lines[index]);
        text.Clear().Append(string.Join('\n', lines));
    }
}
