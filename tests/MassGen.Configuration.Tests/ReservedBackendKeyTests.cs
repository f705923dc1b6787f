namespace MassGen.Configuration.Tests;

/// <summary>
/// Backend keys that MassGen's request building sets itself are errors, never passed through, each with what to use
/// instead; <c>store</c> is a setting of its own.
/// </summary>
public sealed class ReservedBackendKeyTests
{
    private const string Prefix = "is set by MassGen's request building and cannot be passed through: ";

    public static TheoryData<string, string, string> ReservedKeys => new()
    {
        { "openai", "stream: false", "'stream' " + Prefix + "MassGen always streams (live output and the idle timeout depend on it); remove it" },
        { "openai", "input: []", "'input' " + Prefix + "MassGen builds the conversation from the task and the answers; put standing instructions in the agent's system_message" },
        { "openai", "instructions: Be terse.", "'instructions' " + Prefix + "use system_message on the agent" },
        { "openai", "tools: []", "'tools' " + Prefix + "tools come from mcp_servers, enable_mcp_command_line, enable_web_search and enable_code_interpreter / enable_code_execution" },
        { "openai", "tool_choice: required", "'tool_choice' " + Prefix + "MassGen chooses per turn so that the decision tools (new_answer, vote) stay callable; remove it" },
        { "openai", "previous_response_id: resp_1", "'previous_response_id' " + Prefix + "MassGen sends the whole conversation in every request (which also works with store: false); remove it" },
        { "openai", "conversation: conv_1", "'conversation' " + Prefix + "MassGen sends the whole conversation in every request (which also works with store: false); remove it" },
        { "openai", "parallel_tool_calls: true", "'parallel_tool_calls' " + Prefix + "MassGen sets it per turn (false while the decision tools are offered, true otherwise); remove it" },
        { "grok", "messages: []", "'messages' " + Prefix + "MassGen builds the conversation from the task and the answers; put standing instructions in the agent's system_message" },
        { "grok", "stream_options: {include_usage: false}", "'stream_options' " + Prefix + "MassGen asks for usage in the stream itself (stream_options.include_usage); remove it" },
        { "grok", "functions: []", "'functions' " + Prefix + "tools come from mcp_servers, enable_mcp_command_line, enable_web_search and enable_code_interpreter / enable_code_execution" },
        { "grok", "function_call: auto", "'function_call' " + Prefix + "MassGen chooses per turn so that the decision tools (new_answer, vote) stay callable; remove it" },
        { "grok", "parallel_tool_calls: false", "'parallel_tool_calls' " + Prefix + "MassGen sets it per turn (false while the decision tools are offered, true otherwise); remove it" },
        { "grok", "stream: true", "'stream' " + Prefix + "MassGen always streams (live output and the idle timeout depend on it); remove it" },
        { "claude", "system: Be terse.", "'system' " + Prefix + "use system_message on the agent" },
        { "claude", "messages: []", "'messages' " + Prefix + "MassGen builds the conversation from the task and the answers; put standing instructions in the agent's system_message" },
        { "claude", "tool_choice: {type: any}", "'tool_choice' " + Prefix + "MassGen chooses per turn so that the decision tools stay callable, and sets disable_parallel_tool_use itself; remove it" },
        { "claude", "stream: false", "'stream' " + Prefix + "MassGen always streams (live output and the idle timeout depend on it); remove it" },
    };

    [Theory]
    [MemberData(nameof(ReservedKeys))]
    public void LoadText_ReservedBackendKey_ErrorWithLineAndWhatToUseInstead(string type, string entry, string message)
    {
        var key = entry[..entry.IndexOf(':', StringComparison.Ordinal)];

        var result = ConfigTestHelper.Load($"""
            agents:
              - backend:
                  type: {type}
                  {entry}
            """);

        Assert.Equal([$"agents[0].backend.{key} (line 4): {message}"], ConfigTestHelper.Lines(result));
        Assert.Null(result.Config);
    }

    [Fact]
    public void LoadText_ReservedKeyInsideExtraBody_ErrorNamesTheNestedKey()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: chatcompletion
                  base_url: http://localhost:8000/v1
                  model: m
                  extra_body:
                    stream: false
                    model: other
                    top_k: 20
            """);

        Assert.Equal(
            [
                "agents[0].backend.extra_body.stream (line 6): 'stream' " + Prefix + "MassGen always streams (live output and the idle timeout depend on it); remove it",
                "agents[0].backend.extra_body.model (line 6): 'model' " + Prefix + "set model in the backend block itself",
            ],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_OrdinaryPassThroughKeys_StillPassThrough()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  model: gpt-5-mini
                  service_tier: flex
                  include: [web_search_call.action.sources]
                  max_output_tokens: 2000
            """);

        Assert.Empty(ConfigTestHelper.Lines(result));
        Assert.Equal(["service_tier", "include", "max_output_tokens"], result.Config!.Agents[0].Backend.ProviderOptions.Keys);
    }

    [Theory]
    [InlineData("store: true", true)]
    [InlineData("store: false", false)]
    [InlineData("", null)]
    public void LoadText_Store_IsASettingNotPassThrough(string entry, bool? expected)
    {
        var result = ConfigTestHelper.Load($"""
            agents:
              - backend:
                  type: openai
                  model: gpt-5-mini
                  {entry}
            """);

        Assert.Empty(ConfigTestHelper.Lines(result));
        var backend = result.Config!.Agents[0].Backend;
        Assert.Equal(expected, backend.Store);
        Assert.DoesNotContain("store", backend.ProviderOptions.Keys);
    }

    [Fact]
    public void LoadText_StoreNotBoolean_SaysTrueOrFalse()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  store: "no"
            """);

        Assert.StartsWith("agents[0].backend.store (line 4): must be true or false; got ", Assert.Single(ConfigTestHelper.Lines(result)), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_StoreOnAnthropic_SaysTheApiHasNone()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: claude
                  store: false
            """);

        Assert.Equal(["agents[0].backend.store (line 4): the Anthropic Messages API has no store setting (it keeps no conversation state); remove store"],
            ConfigTestHelper.Lines(result));
    }
}
