using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Cli.Runs;
using MassGen.Configuration;

namespace MassGen.Cli.Tests.Runs;

/// <summary>
/// Walks the configuration model: every bound key must change what the providers, tools or orchestrator receive, or
/// be listed here with where it is read instead (or the warning that says it is ignored).
/// </summary>
public sealed class SettingsReachTheCodeTests
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    /// <summary>Keys read somewhere other than the mapping under test, with the reason.</summary>
    private static readonly Dictionary<string, string> s_readElsewhere = new(StringComparer.Ordinal)
    {
        [nameof(BackendConfig.Type)] = "chooses the provider in ProviderFactory (compared through BackendSettings.Type below)",
        [nameof(BackendConfig.TypeInferred)] = "only changes validation messages",
        [nameof(OrchestratorConfig.ContextPaths)] = "merged into every agent's tool settings (BackendMapping.ToToolSettings)",
        [nameof(UiConfig.DisplayType)] = "read by ConfigTeamLoader into LoadedTeam.Display",
        [nameof(UiConfig.LoggingEnabled)] = "read by ConfigTeamLoader into LoadedTeam.LoggingEnabled",
    };

    [Fact]
    public void BackendConfig_EveryKeyChangesWhatTheProviderOrToolsReceive()
    {
        // With a workspace, so the tool settings exist and their keys can show an effect; claude_code for its own keys.
        BackendConfig[] baselines = [new("openai", "gpt-5-mini") { Cwd = "workspace" }, new("claude_code", "claude-sonnet-4-5") { Cwd = "workspace" }];
        var unread = new List<string>();
        foreach (var property in Settable(typeof(BackendConfig)))
        {
            if (baselines.All(baseline => Mapped(With(baseline, property)) == Mapped(baseline)))
            {
                unread.Add(property.Name);
            }
        }

        Assert.True(unread.Count == 0, "bound but never read: " + string.Join(", ", unread));
    }

    [Fact]
    public void OrchestratorSections_EveryKeyChangesTheOrchestratorOptions()
    {
        var baseline = new MassGenConfig();
        var unread = new List<string>();
        foreach (var (section, get, set) in Sections())
        {
            foreach (var property in Settable(section.GetType()))
            {
                var changed = set(baseline, With(get(baseline), property));
                if (Json(changed.ToOrchestratorOptions()) == Json(baseline.ToOrchestratorOptions()))
                {
                    unread.Add(section.GetType().Name + "." + property.Name);
                }
            }
        }

        Assert.True(unread.Count == 0, "bound but never read: " + string.Join(", ", unread));
    }

    private static IEnumerable<(object Section, Func<MassGenConfig, object> Get, Func<MassGenConfig, object, MassGenConfig> Set)> Sections()
    {
        var config = new MassGenConfig();
        yield return (config.Orchestrator, c => c.Orchestrator, (c, s) => c with { Orchestrator = (OrchestratorConfig)s });
        yield return (config.TimeoutSettings, c => c.TimeoutSettings, (c, s) => c with { TimeoutSettings = (TimeoutSettings)s });
        yield return (config.Ui, c => c.Ui, (c, s) => c with { Ui = (UiConfig)s });
        yield return (config.Budget, c => c.Budget, (c, s) => c with { Budget = (BudgetConfig)s });
        yield return (config.Orchestrator.Coordination, c => c.Orchestrator.Coordination, (c, s) => c with { Orchestrator = c.Orchestrator with { Coordination = (CoordinationConfig)s } });
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !s_readElsewhere.ContainsKey(p.Name) && p.PropertyType != typeof(CoordinationConfig));

    /// <summary>A copy of the record with <paramref name="property"/> set to a value other than the one it has.</summary>
    private static T With<T>(T record, PropertyInfo property)
        where T : notnull
    {
        var copy = (T)record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        property.SetValue(copy, Sample(property.PropertyType, property.GetValue(record)));
        return copy;
    }

    private static object Sample(Type type, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return Enum.GetValues(underlying).Cast<object>().First(v => !v.Equals(current));
        }

        return underlying switch
        {
            _ when underlying == typeof(string) => "/tmp/sample",
            _ when underlying == typeof(bool) => !(current as bool? ?? false),
            _ when underlying == typeof(int) => (current as int? ?? 0) + 7,
            _ when underlying == typeof(long) => (current as long? ?? 0) + 7,
            _ when underlying == typeof(double) => (current as double? ?? 0.3) / 2,
            _ when underlying == typeof(decimal) => (current as decimal? ?? 1m) + 1m,
            _ when underlying == typeof(IReadOnlyList<string>) => new List<string> { "sample" },
            _ when underlying == typeof(IReadOnlyDictionary<string, JsonNode?>) => new Dictionary<string, JsonNode?> { ["top_k"] = 5 },
            _ when underlying == typeof(IReadOnlyList<McpServerConfig>) => new List<McpServerConfig> { new("files", McpTransport.Stdio) { Command = "npx" } },
            _ when underlying == typeof(IReadOnlyList<ContextPathConfig>) => new List<ContextPathConfig> { new("/tmp/sample", ContextAccess.Read) },
            _ when underlying == typeof(PriceConfig) => new PriceConfig(1m, 2m),
            _ when underlying == typeof(CommandLineConfig) => new CommandLineConfig { Network = true, CpuSeconds = 7 },
            _ => throw new InvalidOperationException($"no sample value for {type}; add one so the key is checked"),
        };
    }

    private static string Mapped(BackendConfig backend) =>
        Json(backend.ToBackendSettings()) + Json(BackendMapping.ToToolSettings(backend, [], "/work"))
        + Json(BackendMapping.ToClaudeCode(backend, [], "/work", null));

    private static string Json(object? value) => JsonSerializer.Serialize(value, s_json);
}
