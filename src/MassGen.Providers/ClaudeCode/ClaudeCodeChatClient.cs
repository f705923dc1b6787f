using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MassGen.Core.Results;
using MassGen.Providers.Internal;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.ClaudeCode;

/// <summary>
/// Backend type <c>claude_code</c>: runs the Claude Code CLI (<c>claude -p --output-format stream-json --verbose</c>)
/// once per request, sends the conversation on stdin and turns its stream-json lines into updates. Claude Code uses
/// its own tools (files, shell, search) and runs the agent's MCP servers itself, so function tools in the options are
/// not sent; <see cref="ClaudeCodeSettings"/> become its flags (<see cref="ClaudeCodeCommandLine"/>) and decisions come
/// back as JSON in text (the catalog flags the type).
/// </summary>
internal sealed class ClaudeCodeChatClient : IChatClient
{
    private readonly string _executable;
    private readonly string _model;
    private readonly string? _apiKey;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly string? _workingDirectory;
    private readonly ClaudeCodeSettings _settings;
    private readonly bool _webSearch;

    public ClaudeCodeChatClient(
        string executable, string model, string? apiKey, IReadOnlyDictionary<string, string?> environment, string? workingDirectory, BackendSettings settings)
    {
        _executable = executable;
        _model = model;
        _apiKey = apiKey;
        _environment = environment;
        _settings = settings.ClaudeCode ?? new ClaudeCodeSettings();
        _workingDirectory = _settings.WorkingDirectory ?? workingDirectory;
        _webSearch = settings.EnableWebSearch;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? _model;
        using var mcpConfig = McpConfigFile.Write(_settings.McpServers);
        using var process = Start(ClaudeCodeCommandLine.Arguments(model, _settings, _webSearch, mcpConfig?.Path));
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.StandardInput.WriteAsync(Prompt(messages).AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();

            var sawResult = false;
            while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var update = StreamJson.Parse(line, model, out var failure, out var isResult);
                if (failure is not null)
                {
                    throw ApiStatus(failure) is { } status
                        ? new ProviderHttpException(status, $"Claude Code reported an error: {failure}", null)
                        : new InvalidOperationException($"Claude Code reported an error: {failure}");
                }

                sawResult |= isResult;
                if (update is not null)
                {
                    yield return update;
                }
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0 || !sawResult)
            {
                var error = (await stderr.ConfigureAwait(false)).Trim();
                throw new InvalidOperationException(
                    $"the Claude Code CLI exited with code {process.ExitCode}{(sawResult ? "" : " without a result")}: {(error.Length > 0 ? error : "no error output")}");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                // Cancelled or abandoned mid-answer: the CLI and anything it started must not outlive the call.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("claude_code", null, _model)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // Each request owns its process; nothing is held between requests.
    }

    private Process Start(List<string> arguments)
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = _workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child sees the environment we were given, not this process's, so tests and embedders stay in control.
        start.Environment.Clear();
        foreach (var (name, value) in _environment)
        {
            if (value is not null)
            {
                start.Environment[name] = value;
            }
        }

        if (_apiKey is not null)
        {
            start.Environment["ANTHROPIC_API_KEY"] = _apiKey;
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start '{_executable}'");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ClaudeCodeNotInstalledException(
                $"could not run the Claude Code CLI at '{_executable}' ({ex.Message}): install it (npm install -g @anthropic-ai/claude-code) and make sure 'claude' is on PATH", ex);
        }
    }

    /// <summary>
    /// The HTTP status of an API error the CLI passes on (<c>API Error: 401 {...}</c>), so a rejected key or an unknown
    /// model fails the agent at once, and a rate limit or overload is retried, as for the HTTP backends.
    /// </summary>
    internal static HttpStatusCode? ApiStatus(string failure)
    {
        const string Prefix = "API Error: ";
        return failure.StartsWith(Prefix, StringComparison.Ordinal) && failure.Length >= Prefix.Length + 3
            && int.TryParse(failure.AsSpan(Prefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and <= 599
            && (failure.Length == Prefix.Length + 3 || !char.IsAsciiDigit(failure[Prefix.Length + 3]))
            ? (HttpStatusCode)code
            : null;
    }

    /// <summary>The conversation as one text: the CLI takes a single prompt per run.</summary>
    private static string Prompt(IEnumerable<ChatMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            var label = message.Role == ChatRole.System ? "System"
                : message.Role == ChatRole.Assistant ? "Assistant"
                : message.Role == ChatRole.Tool ? "Tool result"
                : "User";
            text.Append(label).Append(":\n").Append(message.Text).Append("\n\n");
        }

        return text.ToString();
    }

    /// <summary>Reads one stream-json line.</summary>
    private static class StreamJson
    {
        public static ChatResponseUpdate? Parse(string line, string model, out string? failure, out bool isResult)
        {
            failure = null;
            isResult = false;
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            switch (Text(root, "type"))
            {
                case "assistant" when root.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content):
                    var contents = new List<AIContent>();
                    foreach (var block in content.EnumerateArray())
                    {
                        switch (Text(block, "type"))
                        {
                            case "text":
                                contents.Add(new TextContent(Text(block, "text")));
                                break;
                            case "thinking":
                                contents.Add(new TextReasoningContent(Text(block, "thinking")));
                                break;
                        }
                    }

                    return contents.Count == 0 ? null : new ChatResponseUpdate(ChatRole.Assistant, contents) { ModelId = model };
                case "result":
                    isResult = true;
                    if (root.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True)
                    {
                        failure = Text(root, "result") ?? Text(root, "subtype") ?? "unknown error";
                        return null;
                    }

                    return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage(root))])
                    {
                        ModelId = model,
                        FinishReason = ChatFinishReason.Stop,
                    };
                default:
                    // system/init, user (Claude Code's own tool results) and other events carry nothing for the caller.
                    return null;
            }
        }

        private static UsageDetails Usage(JsonElement result)
        {
            var details = new UsageDetails();
            if (result.TryGetProperty("usage", out var usage))
            {
                long cacheRead = Number(usage, "cache_read_input_tokens");
                details.InputTokenCount = Number(usage, "input_tokens") + Number(usage, "cache_creation_input_tokens") + cacheRead;
                details.CachedInputTokenCount = cacheRead;
                details.OutputTokenCount = Number(usage, "output_tokens");
                details.TotalTokenCount = details.InputTokenCount + details.OutputTokenCount;
            }

            if (result.TryGetProperty("total_cost_usd", out var cost) && cost.TryGetDecimal(out var usd))
            {
                // The CLI prices its own (possibly many) internal turns: its figure beats our table.
                details.AdditionalCounts = new() { [TokenUsage.CostNanoUsdKey] = (long)Math.Round(usd * 1_000_000_000m) };
            }

            return details;
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static long Number(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;
    }
}
