using System.Text.Json;
using System.Text.Json.Serialization;

namespace MassGen.Providers.Gemini;

// The request side of the Gemini API (models.generateContent), as far as MassGen sends it. Names follow the API's
// camelCase through the serializer context; null members are left out of the body.

/// <summary>A <c>GenerateContentRequest</c> body.</summary>
internal sealed class GeminiRequest
{
    public List<GeminiContent> Contents { get; set; } = [];

    public GeminiContent? SystemInstruction { get; set; }

    public List<GeminiTool>? Tools { get; set; }

    public GeminiToolConfig? ToolConfig { get; set; }

    public GeminiGenerationConfig? GenerationConfig { get; set; }

    /// <summary>Pass-through request fields (<c>safetySettings</c>, <c>cachedContent</c>, unknown keys).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A turn of the conversation: role <c>user</c> or <c>model</c> and its parts.</summary>
internal sealed class GeminiContent
{
    public string? Role { get; set; }

    public List<GeminiPart> Parts { get; set; } = [];
}

/// <summary>One part of a content; exactly one data member is set.</summary>
internal sealed class GeminiPart
{
    public string? Text { get; set; }

    public bool? Thought { get; set; }

    public string? ThoughtSignature { get; set; }

    public GeminiInlineData? InlineData { get; set; }

    public GeminiFunctionCall? FunctionCall { get; set; }

    public GeminiFunctionResponse? FunctionResponse { get; set; }

    public GeminiExecutableCode? ExecutableCode { get; set; }

    public GeminiCodeExecutionResult? CodeExecutionResult { get; set; }

    /// <summary>Server-side tool invocation (Gemini 3 with <c>includeServerSideToolInvocations</c>).</summary>
    public JsonElement? ToolCall { get; set; }

    /// <summary>Server-side tool result (Gemini 3 with <c>includeServerSideToolInvocations</c>).</summary>
    public JsonElement? ToolResponse { get; set; }

    public JsonElement? FileData { get; set; }

    /// <summary>Members this client does not know: a part made only of these is an unknown part type.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class GeminiInlineData
{
    public string? MimeType { get; set; }

    public string? Data { get; set; }
}

internal sealed class GeminiFunctionCall
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public JsonElement? Args { get; set; }
}

internal sealed class GeminiFunctionResponse
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public JsonElement Response { get; set; }
}

internal sealed class GeminiExecutableCode
{
    public string? Id { get; set; }

    public string? Language { get; set; }

    public string? Code { get; set; }
}

internal sealed class GeminiCodeExecutionResult
{
    public string? Id { get; set; }

    public string? Outcome { get; set; }

    public string? Output { get; set; }
}

/// <summary>One tool entry: function declarations, or one built-in tool.</summary>
internal sealed class GeminiTool
{
    public List<GeminiFunctionDeclaration>? FunctionDeclarations { get; set; }

    public GeminiEmpty? GoogleSearch { get; set; }

    public GeminiEmpty? CodeExecution { get; set; }
}

/// <summary>The empty object a built-in tool is switched on with (<c>{"googleSearch": {}}</c>).</summary>
internal sealed class GeminiEmpty;

internal sealed class GeminiFunctionDeclaration
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The OpenAPI subset of a schema.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>A full JSON Schema, when the schema uses more than the OpenAPI subset.</summary>
    public JsonElement? ParametersJsonSchema { get; set; }
}

internal sealed class GeminiToolConfig
{
    public GeminiFunctionCallingConfig? FunctionCallingConfig { get; set; }

    public bool? IncludeServerSideToolInvocations { get; set; }
}

internal sealed class GeminiFunctionCallingConfig
{
    public string? Mode { get; set; }

    public List<string>? AllowedFunctionNames { get; set; }
}

internal sealed class GeminiGenerationConfig
{
    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public int? TopK { get; set; }

    public int? MaxOutputTokens { get; set; }

    public List<string>? StopSequences { get; set; }

    public long? Seed { get; set; }

    public float? PresencePenalty { get; set; }

    public float? FrequencyPenalty { get; set; }

    public string? ResponseMimeType { get; set; }

    public GeminiThinkingConfig? ThinkingConfig { get; set; }

    /// <summary>Pass-through generation fields (for example <c>responseSchema</c>, <c>candidateCount</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class GeminiThinkingConfig
{
    public int? ThinkingBudget { get; set; }

    public string? ThinkingLevel { get; set; }

    public bool? IncludeThoughts { get; set; }
}
