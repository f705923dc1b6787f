using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MassGen.Cli.Setup;

/// <summary>The YAML text of the config a <see cref="SetupPlan"/> describes, in the original MassGen's format.</summary>
internal static class StarterConfig
{
    public static string Render(SetupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by `massgen init`. Edit freely; `massgen validate FILE` checks it without calling a model.");
        var keys = plan.Agents.Select(a => a.Provider.KeyVariables[0]).Distinct(StringComparer.Ordinal);
        yaml.AppendLine(CultureInfo.InvariantCulture, $"# Keys: {string.Join(", ", keys)} (in the environment, ./.env or ~/.massgen/.env).");
        yaml.AppendLine("agents:");
        foreach (var agent in plan.Agents)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: {Scalar(agent.Id)}");
            yaml.AppendLine("    backend:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      type: {Scalar(agent.Provider.Type)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      model: {Scalar(agent.Model)}");
            if (agent.Temperature is { } temperature)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"      temperature: {temperature}");
            }

            if (plan.WebSearch && agent.Provider.HasWebSearch)
            {
                yaml.AppendLine("      enable_web_search: true");
            }

            if (plan.Workspace || plan.Commands)
            {
                yaml.AppendLine("      cwd: workspace");
            }

            if (plan.Commands)
            {
                yaml.AppendLine("      enable_mcp_command_line: true");
                yaml.AppendLine(CultureInfo.InvariantCulture, $"      command_line_execution_mode: {Scalar(plan.Isolation)}");
            }
        }

        return yaml.ToString();
    }

    // A JSON string is a valid double-quoted YAML scalar, so any id or model name is written safely.
    private static string Scalar(string value) => JsonSerializer.Serialize(value);
}
