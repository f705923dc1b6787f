using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MassGen.Cli.Team;

/// <summary>A team built without a config file, and the sentence that tells the user where it came from.</summary>
internal sealed record TeamSpec(IReadOnlyList<AgentSpec> Agents, string Description)
{
    /// <summary>
    /// The team as a MassGen YAML config, so it goes through exactly the same validation, provider setup and logging as
    /// a file the user wrote (and the resolved config in the log shows what was run).
    /// </summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.Append("# ").Append(OneLine(Description)).Append('\n');
        yaml.Append("agents:\n");
        foreach (var agent in Agents)
        {
            yaml.Append("  - id: ").Append(Quote(agent.Id)).Append('\n');
            if (agent.SystemMessage is { } system)
            {
                yaml.Append("    system_message: ").Append(Quote(system)).Append('\n');
            }

            yaml.Append("    backend:\n");
            yaml.Append("      type: ").Append(Quote(agent.BackendType)).Append('\n');
            yaml.Append("      model: ").Append(Quote(agent.Model)).Append('\n');
            if (agent.BaseUrl is { } baseUrl)
            {
                yaml.Append("      base_url: ").Append(Quote(baseUrl)).Append('\n');
            }

            if (agent.Temperature is { } temperature)
            {
                yaml.Append("      temperature: ").Append(temperature.ToString("0.0##", CultureInfo.InvariantCulture)).Append('\n');
            }

            if (agent.ReasoningEffort is { } effort)
            {
                yaml.Append("      reasoning:\n        effort: ").Append(Quote(effort)).Append('\n');
            }
        }

        return yaml.ToString();
    }

    // A JSON string is a valid YAML double-quoted scalar, escapes included. JsonEncodedText escapes exactly as the
    // serializer does, without the serializer's start-up cost (a quick team is built on the way to the first request).
    private static string Quote(string value) => "\"" + JsonEncodedText.Encode(value).Value + "\"";

    // The description goes in a comment, which a line break would end: YAML breaks lines at \r and \n (and, in YAML 1.1,
    // at NEL, LS and PS). Replaced one by one rather than with ReplaceLineEndings, whose search tables cost a fresh process
    // more than this whole config.
    private static string OneLine(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' ? ' ' : source[i];
            }
        });
}
