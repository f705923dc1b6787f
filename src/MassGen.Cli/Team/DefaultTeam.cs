using System.Globalization;

namespace MassGen.Cli.Team;

/// <summary>
/// Chooses a team when there is no config anywhere: one agent per hosted provider whose key is set; with a single
/// provider, three agents of its model at different temperatures (or reasoning efforts); else a local Ollama or LM
/// Studio server that answers. With nothing available there is no team and <see cref="GettingStarted"/> says what to do.
/// </summary>
internal static class DefaultTeam
{
    private static readonly double[] s_temperatures = [0.2, 0.7, 1.0];
    private static readonly string[] s_efforts = ["low", "medium", "high"];

    public static TeamSpec? Choose(Func<string, string?> getVariable, IReadOnlyList<LocalServerStatus> localServers, string? systemMessage = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(localServers);
        var providers = KnownProviders.Frontier.Where(p => p.KeyVariables.Any(v => getVariable(v) is not null)).ToList();
        if (providers.Count > 1)
        {
            var agents = providers.Select(p => new AgentSpec(p.BackendType, p.BackendType, p.DefaultModel) { SystemMessage = systemMessage }).ToList();
            return new TeamSpec(agents, $"Default team: one agent per provider with a key set ({string.Join(", ", providers.Select(p => p.Name))}).");
        }

        if (providers.Count == 1)
        {
            var provider = providers[0];
            return new TeamSpec(
                Variants(provider.BackendType, provider.DefaultModel, null, systemMessage),
                $"Default team: {provider.Name} is the only provider with a key set, so three agents of {provider.DefaultModel} with different settings.");
        }

        var local = localServers.FirstOrDefault(s => s.Models.Count > 0);
        if (local is not null)
        {
            var model = local.Models[0];
            return new TeamSpec(
                Variants(local.Server.BackendType, model, local.Server.BaseUrl, systemMessage),
                $"Default team: no API key is set, but {local.Server.Name} answers at {local.Server.BaseUrl}; three agents of {model} at different temperatures.");
        }

        return null;
    }

    private static List<AgentSpec> Variants(string backendType, string model, string? baseUrl, string? systemMessage)
    {
        var noTemperature = KnownProviders.TakesNoTemperature(backendType, model);
        return [.. Enumerable.Range(0, 3).Select(i => new AgentSpec(
            string.Create(CultureInfo.InvariantCulture, $"{backendType}-{i + 1}"), backendType, model)
        {
            BaseUrl = baseUrl,
            Temperature = noTemperature ? null : s_temperatures[i],
            ReasoningEffort = noTemperature ? s_efforts[i] : null,
            SystemMessage = systemMessage,
        })];
    }

    /// <summary>What to do when no team can be formed. Printed as is, then the command exits with code 1.</summary>
    public static string GettingStarted(IReadOnlyList<LocalServerStatus> localServers)
    {
        ArgumentNullException.ThrowIfNull(localServers);
        var emptyServers = localServers.Where(s => s.Models.Count == 0).Select(s => $"  ({s.Server.Name} answers at {s.Server.BaseUrl} but serves no model yet: load or pull one first.)\n");
        return
            "No model is available, so there is no team to run.\n" +
            "Give MassGen at least one of these:\n" +
            "  1. An API key, in the environment or in ./.env or ~/.massgen/.env:\n" +
            "       export OPENAI_API_KEY=...   (also ANTHROPIC_API_KEY, GEMINI_API_KEY, XAI_API_KEY)\n" +
            "     One key gives a team of three agents of that provider; several keys give one agent per provider.\n" +
            "  2. A local server on its default port: Ollama (ollama serve, then ollama pull llama3.2) or LM Studio's server,\n" +
            "     or any OpenAI-compatible server:\n" +
            "       massgen --backend chatcompletion --base-url http://localhost:8000/v1 --model NAME \"question\"\n" +
            "  3. A local GGUF model file:\n" +
            "       massgen --backend local --model path/to/model.gguf \"question\"\n" +
            "  4. A config file: copy examples/three-frontier-models.yaml to .massgen/config.yaml and edit it, or run\n" +
            "       massgen --config @examples/three-frontier-models \"question\"\n" +
            string.Concat(emptyServers);
    }
}
