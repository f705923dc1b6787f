using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Commands;

/// <summary>
/// <c>massgen validate</c> (and a run) refuse backend keys that the request building sets itself, naming each with its
/// line and what to use instead, before any model is called.
/// </summary>
public sealed class ValidateReservedKeysTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Validate_StreamFalseAndToolChoicePassedThrough_ErrorsWithWhatToUseAndNoRun()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: thinker
                backend:
                  type: openai
                  model: gpt-5-mini
                  api_key: sk-test
                  base_url: {server.OpenAIBaseUrl}
                  stream: false
                  extra_body:
                    tool_choice: required
                  store: true
            """);

        var validateExit = await new MassGenApp(test.Host).RunAsync(["validate", config]);
        var runExit = await new MassGenApp(test.Host).RunAsync(["--config", config, "Anything?"]);

        Assert.Equal(ExitCodes.UsageError, validateExit);
        Assert.Equal(ExitCodes.UsageError, runExit);
        var error = test.Error.ToString();
        Assert.Contains("agents[0].backend.stream (line 8): 'stream' is set by MassGen's request building and cannot be passed through: MassGen always streams", error, StringComparison.Ordinal);
        Assert.Contains("agents[0].backend.extra_body.tool_choice (line 9): 'tool_choice' is set by MassGen's request building", error, StringComparison.Ordinal);
        Assert.DoesNotContain("store", error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
