using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using MassGen.Configuration.Internal;
using MassGen.Testing;

namespace MassGen.Configuration.Tests.Properties;

/// <summary>
/// The <c>.env</c> reader never throws: every line is a variable, a blank or comment line, or a warning that names
/// the file and line; and values written in its quoting rules read back unchanged.
/// </summary>
public sealed partial class DotEnvParserProperties
{
    private static readonly string[] s_fragments =
    [
        "KEY", "OPENAI_API_KEY", "_x", "a.b", "9BAD", "export ", "export", "=", " = ", "==", "value", "\"", "'", "\\", "\\n",
        "\\\"", " #", "#", " ", "\t", "\r", "\n", "\r\n", "\u2028", "\ud800", "\0", "é", "${X}", "-", ":",
    ];

    private static readonly Gen<string> s_text = Gen.OneOf(s_fragments).List[0, 30].Select(string.Concat);

    [Fact]
    public void Parse_GeneratedText_YieldsVariablesOrWarningsNeverThrows() =>
        PropertyCheck.ForAll(s_text, iterations: 1_000, seed: 18_101, text =>
        {
            var warnings = new List<string>();
            var variables = DotEnvParser.Parse(text, "test.env", warnings).ToList();

            Assert.All(variables, v => Assert.Matches(KeyPattern(), v.Key));
            Assert.All(warnings, w => Assert.Matches(@"^test\.env \(line \d+\): not a KEY=value line; ignored$", w));
            var lines = text.ReplaceLineEndings("\n").Split('\n');
            var meaningful = lines.Count(l => l.Trim().Length > 0 && !l.Trim().StartsWith('#'));
            Assert.Equal(meaningful, variables.Count + warnings.Count);
        });

    [Fact]
    public void Parse_DoubleQuotedEscapedValue_ReadsBackUnchanged() =>
        PropertyCheck.ForAll(Gen.Select(Gen.OneOf("A", "KEY_1", "x.y", "_"), Gen.String[Gen.Char["ab \"\\'#=\t\n\ré$"], 0, 20]),
            iterations: 500, seed: 18_102, pair =>
            {
                var (key, value) = pair;
                var written = $"{key}=\"{Escape(value)}\"";

                var parsed = DotEnvParser.Parse(written, "test.env", []).Single();

                Assert.Equal(key, parsed.Key);
                Assert.Equal(value, parsed.Value);
            });

    [Fact]
    public void Parse_SingleQuotedValue_ReadsBackLiterally() =>
        PropertyCheck.ForAll(Gen.String[Gen.Char["ab \"\\#=\té$"], 0, 20], iterations: 500, seed: 18_103, value =>
        {
            var parsed = DotEnvParser.Parse($"export KEY='{value}'", "test.env", []).Single();

            Assert.Equal(value, parsed.Value);
        });

    private static string Escape(string value)
    {
        var escaped = new StringBuilder();
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex KeyPattern();
}
