using System.Text;

namespace MassGen.Cli.Team;

/// <summary>Builds the team of quick mode (<c>--model</c> / <c>--models</c>, with <c>--backend</c>, <c>--base-url</c>, <c>--system-message</c>).</summary>
internal static class QuickTeam
{
    /// <summary>The team, or the problems with the options (each says how to fix it).</summary>
    public static (TeamSpec? Team, IReadOnlyList<string> Problems) Build(IReadOnlyList<string> models, string? backend, string? baseUrl, string? systemMessage)
    {
        ArgumentNullException.ThrowIfNull(models);
        var problems = new List<string>();
        var agents = new List<AgentSpec>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in models)
        {
            var model = raw.Trim();
            if (model.Length == 0)
            {
                problems.Add("--models has an empty entry; list model names separated by commas, e.g. --models gpt-5-mini,claude-sonnet-4-5.");
                continue;
            }

            var type = backend ?? (baseUrl is not null ? "chatcompletion" : KnownProviders.InferBackend(model));
            if (type is null)
            {
                problems.Add($"Cannot tell which provider serves '{model}'; add --backend TYPE (e.g. --backend openrouter, or --backend chatcompletion --base-url URL).");
                continue;
            }

            agents.Add(new AgentSpec(UniqueId(model, usedIds), type, model) { BaseUrl = baseUrl, SystemMessage = systemMessage });
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var description = agents.Count == 1
            ? $"Quick mode: one agent, {agents[0].BackendType}/{agents[0].Model}."
            : $"Quick mode: {agents.Count} agents ({string.Join(", ", agents.Select(a => $"{a.BackendType}/{a.Model}"))}).";
        return (new TeamSpec(agents, description), []);
    }

    private static string UniqueId(string model, HashSet<string> used)
    {
        // Ids come from the model name (a file name for GGUF paths) so logs read naturally; repeats get a suffix.
        var name = Path.GetFileNameWithoutExtension(model.Replace('\\', '/').Split('/')[^1]);
        var id = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var baseId = id.Length == 0 ? "agent" : id.ToString();
        var candidate = baseId;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{baseId}-{n}";
        }

        return candidate;
    }
}
