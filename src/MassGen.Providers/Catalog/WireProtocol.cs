namespace MassGen.Providers.Catalog;

/// <summary>How a backend type talks to its model.</summary>
public enum WireProtocol
{
    /// <summary>OpenAI Responses API.</summary>
    OpenAIResponses,

    /// <summary>OpenAI Chat Completions (OpenAI itself and every compatible server).</summary>
    ChatCompletions,

    /// <summary>Azure OpenAI (deployment named by <c>model</c>).</summary>
    AzureOpenAI,

    /// <summary>Anthropic Messages API.</summary>
    AnthropicMessages,

    /// <summary>The Claude Code CLI as a subprocess, speaking stream-json.</summary>
    ClaudeCodeCli,

    /// <summary>The Gemini API itself (<c>generateContent</c>, <c>streamGenerateContent</c>).</summary>
    Gemini,

    /// <summary>An in-process GGUF model through LLamaSharp.</summary>
    LocalGguf,
}
