using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Configuration.Internal;

namespace MassGen.Configuration.Tests;

public sealed class ConfigJsonWriterTests
{
    private const string Team = """
        agents:
          - id: gpt
            system_message: Be exact.
            backend:
              type: openai
              api_key: sk-live-123
              temperature: 0.2
              reasoning: { effort: high }
              extra_headers: { X-Api-Key: hdr-secret, X-Trace: on }
              price: { input_per_million: 1.25, output_per_million: 10 }
          - id: tools
            backend:
              type: claude
              cwd: ws
              enable_mcp_command_line: true
              mcp_servers:
                - name: gh
                  command: npx
                  args: [server-github]
                  env: { GITHUB_TOKEN: ghp-secret }
                - name: remote
                  type: streamable-http
                  url: https://mcp.example.com/mcp
                  headers: { Authorization: Bearer abc }
        orchestrator:
          max_new_answers_per_agent: null
          tie_break: random
          seed: 3
        budget: { max_cost_usd: 1.5 }
        ui: { display_type: simple, logging_enabled: false }
        """;

    [Fact]
    public void ToJson_Unredacted_LoadsBackToTheSameConfiguration()
    {
        var original = ConfigTestHelper.Load(Team).EnsureValid();

        var json = ConfigJsonWriter.ToJson(original, redactSecrets: false);
        var reloaded = ConfigTestHelper.LoadJson(json);

        Assert.Empty(reloaded.Report.Problems);
        Assert.Equal(JsonSerializer.Serialize(original), JsonSerializer.Serialize(reloaded.EnsureValid()));
    }

    [Fact]
    public void ToJson_Default_RedactsEverySecret()
    {
        var config = ConfigTestHelper.Load(Team).EnsureValid();

        var json = ConfigJsonWriter.ToJson(config);

        foreach (var secret in new[] { "sk-live-123", "hdr-secret", "ghp-secret", "Bearer abc" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }

        var root = JsonNode.Parse(json)!;
        Assert.Equal("***", (string?)root["agents"]![0]!["backend"]!["api_key"]);
        Assert.Equal("***", (string?)root["agents"]![0]!["backend"]!["extra_headers"]!["X-Trace"]);
        Assert.Equal(0.2, (double)root["agents"]![0]!["backend"]!["temperature"]!);
        Assert.Equal("high", (string?)root["agents"]![0]!["backend"]!["reasoning"]!["effort"]);
        Assert.Equal("random", (string?)root["orchestrator"]!["tie_break"]);
        Assert.Null(root["orchestrator"]!["max_new_answers_per_agent"]);
        Assert.Equal(1800, (double)root["timeout_settings"]!["orchestrator_timeout_seconds"]!);
    }

    [Fact]
    public void Redact_ConfigWithKeysHeadersAndEnv_MasksEverySecret()
    {
        var config = JsonNode.Parse("""
            {"agents":[{"id":"a","backend":{"type":"openai","api_key":"sk-literal-123","base_url":"https://x/v1?key=sk-env-secret-999",
              "mcp_servers":[{"name":"gh","env":{"GITHUB_TOKEN":"ghp_abc","MODE":"fast"},"headers":{"Authorization":"Bearer t"}}]}}]}
            """);

        var redacted = SecretRedactor.Redact(config, new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-env-secret-999", ["HOME"] = "/home/me" })!.ToJsonString();

        Assert.DoesNotContain("sk-literal-123", redacted);
        Assert.DoesNotContain("sk-env-secret-999", redacted);
        Assert.DoesNotContain("ghp_abc", redacted);
        Assert.DoesNotContain("Bearer t", redacted);
        Assert.Contains("\"type\":\"openai\"", redacted);
        Assert.Contains("https://x/v1?key=***", redacted);
    }

    [Theory]
    [InlineData("api_key", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("Authorization", true)]
    [InlineData("max_tokens", false)]
    [InlineData("max_output_tokens", false)]
    [InlineData("temperature", false)]
    public void IsSecret_Names_OneRuleForLogsConfigAndCommands(string name, bool secret) =>
        Assert.Equal(secret, MassGen.Core.Text.SecretNames.IsSecret(name));
}
