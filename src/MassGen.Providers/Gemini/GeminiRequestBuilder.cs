using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Gemini;

/// <summary>Turns chat messages and options into a Gemini <c>GenerateContentRequest</c>.</summary>
internal static class GeminiRequestBuilder
{
    /// <summary>Key of a part's thought signature in <see cref="AIContent.AdditionalProperties"/>, echoed back on the next call.</summary>
    public const string ThoughtSignatureKey = "gemini.thought_signature";

    public static GeminiRequest Build(IEnumerable<ChatMessage> messages, ChatOptions? options, GeminiClientSettings settings)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var request = new GeminiRequest();
        var system = new StringBuilder();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            system.Append(instructions);
        }

        // Gemini's function responses carry the function's name; our results carry only the call id.
        var namesByCallId = list.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);

        foreach (var message in list)
        {
            if (message.Role == ChatRole.System)
            {
                AppendLine(system, message.Text);
                continue;
            }

            // Gemini knows two roles: everything the model said is "model", everything else (tool results too) is "user".
            var role = message.Role == ChatRole.Assistant ? "model" : "user";
            var parts = message.Contents.SelectMany(c => Parts(c, namesByCallId)).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            if (request.Contents.Count > 0 && request.Contents[^1].Role == role)
            {
                request.Contents[^1].Parts.AddRange(parts);
            }
            else
            {
                request.Contents.Add(new GeminiContent { Role = role, Parts = parts });
            }
        }

        if (system.Length > 0)
        {
            request.SystemInstruction = new GeminiContent { Parts = [new GeminiPart { Text = system.ToString() }] };
        }

        AddTools(request, options, settings);
        request.GenerationConfig = GenerationConfig(options, settings);
        foreach (var (name, value) in settings.RequestFields)
        {
            request.Extra ??= [];
            request.Extra[name] = value;
        }

        return request;
    }

    private static void AppendLine(StringBuilder builder, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append("\n\n");
        }

        builder.Append(text);
    }

    private static IEnumerable<GeminiPart> Parts(AIContent content, Dictionary<string, string> namesByCallId)
    {
        var signature = content.AdditionalProperties?.TryGetValue(ThoughtSignatureKey, out var value) == true ? value as string : null;
        switch (content)
        {
            case TextContent { Text.Length: > 0 } text:
                yield return new GeminiPart { Text = text.Text, ThoughtSignature = signature };
                break;
            case TextReasoningContent reasoning when reasoning.ProtectedData is { Length: > 0 } protectedData:
                // Thought summaries need not go back, but their signatures let the model keep its reasoning.
                yield return new GeminiPart { Text = reasoning.Text, Thought = true, ThoughtSignature = protectedData };
                break;
            case DataContent data:
                yield return new GeminiPart { InlineData = new GeminiInlineData { MimeType = data.MediaType, Data = data.Base64Data.ToString() } };
                break;
            case FunctionCallContent call:
                yield return new GeminiPart
                {
                    FunctionCall = new GeminiFunctionCall
                    {
                        Id = call.CallId,
                        Name = call.Name,
                        Args = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
                    },
                    ThoughtSignature = signature,
                };
                break;
            case FunctionResultContent result:
                yield return new GeminiPart
                {
                    FunctionResponse = new GeminiFunctionResponse
                    {
                        Id = result.CallId,
                        Name = namesByCallId.GetValueOrDefault(result.CallId, result.CallId),
                        Response = ResponseObject(result),
                    },
                };
                break;
            case CodeInterpreterToolCallContent code when code.Inputs?.OfType<DataContent>().FirstOrDefault() is { } source:
                yield return new GeminiPart { ExecutableCode = new GeminiExecutableCode { Language = "PYTHON", Code = Encoding.UTF8.GetString(source.Data.Span) } };
                break;
            case CodeInterpreterToolResultContent output:
                yield return new GeminiPart
                {
                    CodeExecutionResult = new GeminiCodeExecutionResult
                    {
                        Outcome = output.AdditionalProperties?.GetValueOrDefault("outcome") as string ?? "OUTCOME_OK",
                        Output = string.Concat(output.Outputs?.OfType<TextContent>().Select(t => t.Text) ?? []),
                    },
                };
                break;
        }
    }

    // functionResponse.response must be a JSON object: a result that is not one is wrapped as {"result": …}.
    private static JsonElement ResponseObject(FunctionResultContent result)
    {
        if (result.Exception is { } exception)
        {
            return JsonSerializer.SerializeToElement(new Dictionary<string, object?> { ["error"] = exception.Message }, AIJsonUtilities.DefaultOptions);
        }

        var element = result.Result switch
        {
            JsonElement json => json,
            string text when TryParseObject(text, out var parsed) => parsed,
            var other => JsonSerializer.SerializeToElement(other, AIJsonUtilities.DefaultOptions),
        };
        return element.ValueKind == JsonValueKind.Object
            ? element
            : JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["result"] = element }, AIJsonUtilities.DefaultOptions);
    }

    private static bool TryParseObject(string text, out JsonElement parsed)
    {
        parsed = default;
        if (!text.TrimStart().StartsWith('{'))
        {
            return false;
        }

        try
        {
            parsed = JsonDocument.Parse(text).RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void AddTools(GeminiRequest request, ChatOptions? options, GeminiClientSettings settings)
    {
        var declarations = new List<GeminiFunctionDeclaration>();
        var builtIn = new List<GeminiTool>();
        foreach (var tool in options?.Tools ?? [])
        {
            switch (tool)
            {
                case AIFunctionDeclaration function:
                    declarations.Add(GeminiSchema.Declaration(function));
                    break;
                case HostedWebSearchTool:
                    builtIn.Add(new GeminiTool { GoogleSearch = new GeminiEmpty() });
                    break;
                case HostedCodeInterpreterTool:
                    builtIn.Add(new GeminiTool { CodeExecution = new GeminiEmpty() });
                    break;
            }
        }

        var combined = builtIn.Count > 0 && declarations.Count > 0;
        if (combined && !settings.CombinesBuiltInAndFunctionTools)
        {
            // Gemini 2.x refuses the mix (400). The factory made this agent decide through JSON in text, and validate
            // says so; the function tools are left out rather than failing every call.
            declarations.Clear();
        }

        var tools = new List<GeminiTool>();
        if (declarations.Count > 0)
        {
            tools.Add(new GeminiTool { FunctionDeclarations = declarations });
        }

        tools.AddRange(builtIn);
        request.Tools = tools.Count > 0 ? tools : null;

        var mode = declarations.Count == 0 ? null : options?.ToolMode switch
        {
            RequiredChatToolMode { RequiredFunctionName: { } name } => new GeminiFunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [name] },
            RequiredChatToolMode => new GeminiFunctionCallingConfig { Mode = "ANY" },
            NoneChatToolMode => new GeminiFunctionCallingConfig { Mode = "NONE" },
            _ => null,
        };
        if (mode is not null || (combined && declarations.Count > 0))
        {
            request.ToolConfig = new GeminiToolConfig
            {
                FunctionCallingConfig = mode,
                IncludeServerSideToolInvocations = combined && declarations.Count > 0 ? true : null,
            };
        }
    }

    private static GeminiGenerationConfig? GenerationConfig(ChatOptions? options, GeminiClientSettings settings)
    {
        var config = new GeminiGenerationConfig
        {
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            TopK = options?.TopK,
            MaxOutputTokens = options?.MaxOutputTokens,
            StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            Seed = options?.Seed,
            PresencePenalty = options?.PresencePenalty,
            FrequencyPenalty = options?.FrequencyPenalty,
            ResponseMimeType = options?.ResponseFormat is ChatResponseFormatJson ? "application/json" : null,
            ThinkingConfig = settings.Thinking,
        };

        foreach (var (name, value) in settings.GenerationFields)
        {
            // A configured field wins over the option of the same name (and must not be written twice).
            switch (name)
            {
                case "temperature": config.Temperature = null; break;
                case "topP": config.TopP = null; break;
                case "topK": config.TopK = null; break;
                case "maxOutputTokens": config.MaxOutputTokens = null; break;
                case "stopSequences": config.StopSequences = null; break;
                case "seed": config.Seed = null; break;
                case "presencePenalty": config.PresencePenalty = null; break;
                case "frequencyPenalty": config.FrequencyPenalty = null; break;
                case "responseMimeType": config.ResponseMimeType = null; break;
                case "thinkingConfig": config.ThinkingConfig = null; break;
            }

            config.Extra ??= [];
            config.Extra[name] = value;
        }

        var empty = config is { Temperature: null, TopP: null, TopK: null, MaxOutputTokens: null, StopSequences: null, Seed: null, PresencePenalty: null, FrequencyPenalty: null, ResponseMimeType: null, ThinkingConfig: null, Extra: null };
        return empty ? null : config;
    }
}
