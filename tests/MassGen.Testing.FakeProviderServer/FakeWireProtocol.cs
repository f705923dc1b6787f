namespace MassGen.Testing.Providers;

/// <summary>The wire protocol a recorded request arrived on (chosen by the request path).</summary>
public enum FakeWireProtocol
{
    /// <summary>OpenAI Chat Completions: any path ending in <c>/chat/completions</c>.</summary>
    ChatCompletions,

    /// <summary>OpenAI Responses: any path ending in <c>/responses</c>.</summary>
    Responses,

    /// <summary>Anthropic Messages: any path ending in <c>/messages</c>.</summary>
    AnthropicMessages,

    /// <summary>Gemini API: any path ending in <c>:generateContent</c> or <c>:streamGenerateContent</c>.</summary>
    Gemini,

    /// <summary>A path the fake does not serve (answered with 404).</summary>
    Unknown,
}
