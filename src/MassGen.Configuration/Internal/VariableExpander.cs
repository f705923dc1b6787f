using System.Text.RegularExpressions;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Replaces <c>${VAR}</c> and <c>${VAR:-default}</c> in every string value (never in keys) from the configuration
/// environment. An unset variable without a default is an error at its path. <c>${cwd}</c> is left for the tools layer,
/// which substitutes the agent's workspace, as the original does.
/// </summary>
internal static partial class VariableExpander
{
    public static ConfigNode Expand(ConfigNode node, string path, ConfigEnvironment environment, ProblemSink problems) => node switch
    {
        ConfigScalar scalar => ExpandScalar(scalar, path, environment, problems),
        ConfigSequence sequence => new ConfigSequence(
            sequence.Line,
            [.. sequence.Items.Select((item, i) => Expand(item, ConfigPath.Index(path, i), environment, problems))]),
        ConfigMapping mapping => new ConfigMapping(
            mapping.Line,
            [.. mapping.Entries.Select(e => e with { Value = Expand(e.Value, ConfigPath.Key(path, e.Key), environment, problems) })]),
        _ => node,
    };

    private static ConfigScalar ExpandScalar(ConfigScalar scalar, string path, ConfigEnvironment environment, ProblemSink problems)
    {
        if (scalar.Kind != ScalarKind.String || scalar.Text is null || !scalar.Text.Contains("${", StringComparison.Ordinal))
        {
            return scalar;
        }

        var failed = false;
        var expanded = Reference().Replace(scalar.Text, match =>
        {
            var name = match.Groups["name"].Value;
            if (name == "cwd")
            {
                return match.Value;
            }

            if (environment.Get(name) is { } value)
            {
                return value;
            }

            if (match.Groups["default"].Success)
            {
                return match.Groups["default"].Value;
            }

            problems.Error(path, scalar.Line, $"environment variable {name} is not set; set it (or add it to a .env file), or write ${{{name}:-default}}");
            failed = true;
            return string.Empty;
        });

        // An unquoted ${PORT} that becomes 8080 is a number, as if 8080 had been written. A failed reference stays a
        // string so the same value is not reported a second time as being of the wrong type.
        var kind = scalar.Plain && !failed ? ScalarResolver.Resolve(expanded) : ScalarKind.String;
        return new ConfigScalar(scalar.Line, kind == ScalarKind.Null ? null : expanded, kind, scalar.Plain);
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
