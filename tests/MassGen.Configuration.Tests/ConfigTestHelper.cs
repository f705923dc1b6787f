namespace MassGen.Configuration.Tests;

/// <summary>Loads configuration text with an injected environment (fake keys) and a scratch current folder.</summary>
internal static class ConfigTestHelper
{
    public static readonly IReadOnlyDictionary<string, string> AllKeys = new Dictionary<string, string>
    {
        ["OPENAI_API_KEY"] = "sk-test-openai",
        ["ANTHROPIC_API_KEY"] = "sk-test-anthropic",
        ["GEMINI_API_KEY"] = "test-gemini",
        ["XAI_API_KEY"] = "test-xai",
        ["CEREBRAS_API_KEY"] = "test-cerebras",
        ["OPENROUTER_API_KEY"] = "test-openrouter",
    };

    public static ConfigLoadResult Load(string yaml, IReadOnlyDictionary<string, string>? environment = null, string? currentDirectory = null) =>
        new ConfigLoader(new ConfigEnvironment(environment ?? AllKeys), currentDirectory ?? Path.GetTempPath())
            .LoadText(yaml.ReplaceLineEndings("\n"), ConfigFormat.Yaml, "test.yaml");

    public static ConfigLoadResult LoadJson(string json, IReadOnlyDictionary<string, string>? environment = null) =>
        new ConfigLoader(new ConfigEnvironment(environment ?? AllKeys), Path.GetTempPath())
            .LoadText(json, ConfigFormat.Json, "test.json");

    /// <summary>Every problem as its one-line text, in report order.</summary>
    public static List<string> Lines(ConfigLoadResult result) => [.. result.Report.Problems.Select(p => p.ToString())];

    public static List<string> ErrorLines(ConfigLoadResult result) => [.. result.Report.Errors.Select(p => p.ToString())];
}
