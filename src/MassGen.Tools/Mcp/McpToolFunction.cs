using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MassGen.Tools.Mcp;

/// <summary>
/// An MCP tool as the model sees it, <c>mcp__&lt;server&gt;__&lt;tool&gt;</c>: each call is bounded by the server's call
/// timeout, transient failures are retried a bounded number of times, and every failure counts towards switching the
/// server off. A tool error reported by the server is passed to the model as a failed call with the server's words.
/// </summary>
internal sealed class McpToolFunction(McpServerConnection connection, McpClientTool tool) : AIFunction
{
    public override string Name { get; } = ExposedName(connection.Settings.Name, tool.Name);

    public override string Description => tool.Description;

    public override JsonElement JsonSchema => tool.JsonSchema;

    public override JsonSerializerOptions JsonSerializerOptions => tool.JsonSerializerOptions;

    /// <summary>The server's own tool name.</summary>
    public string ServerToolName => tool.Name;

    /// <summary>
    /// <c>mcp__&lt;server&gt;__&lt;tool&gt;</c>, with characters that providers reject in function names (anything but
    /// letters, digits, <c>_</c> and <c>-</c>) replaced by <c>_</c>.
    /// </summary>
    public static string ExposedName(string server, string toolName) =>
        $"mcp__{server}__{string.Concat(toolName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'))}";

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var settings = connection.Settings;
        var values = arguments.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        for (var attempt = 0; ; attempt++)
        {
            if (connection.State != McpServerState.Running)
            {
                throw new ToolCallFailedException($"The MCP server '{settings.Name}' is switched off for you ({connection.SwitchOffReason ?? "stopped"}). Go on without its tools.");
            }

            using var timeout = new CancellationTokenSource(settings.CallTimeout, connection.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                connection.CallStarted?.Invoke(Name);
                var result = await tool.CallAsync(values, cancellationToken: linked.Token);
                connection.RecordSuccess();
                var text = Render(result);
                if (result.IsError == true)
                {
                    throw new ToolCallFailedException($"{Name} reported an error: {text}");
                }

                return text;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A timed-out call is not retried: a tool that hung once would likely hang again, doubling the wait.
                connection.RecordFailure($"{Name} timed out after {settings.CallTimeout.TotalSeconds:0.#} s");
                throw new ToolCallFailedException($"{Name} did not answer within {settings.CallTimeout.TotalSeconds:0.#} s and was abandoned.");
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Nobody of ours cancelled: the SDK cancels pending requests when the session ends (the server died).
                connection.SwitchOff($"the server stopped during a call to {Name} ({McpServerConnection.Describe(ex)})");
                throw new ToolCallFailedException($"The MCP server '{settings.Name}' stopped while running {Name}; it is switched off for you. Go on without its tools.", ex);
            }
            catch (McpProtocolException ex) when (ex.ErrorCode is McpErrorCode.InvalidParams or McpErrorCode.MethodNotFound)
            {
                // The model's arguments were wrong, not the server: no retry, no strike against the server.
                throw new ToolCallFailedException($"{Name} rejected the call: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is not ToolCallFailedException and not OperationCanceledException)
            {
                if (connection.State == McpServerState.Running && ex is ClientTransportClosedException or IOException or ObjectDisposedException)
                {
                    connection.SwitchOff($"the server stopped during a call to {Name} ({McpServerConnection.Describe(ex)})");
                }

                if (connection.State != McpServerState.Running)
                {
                    throw new ToolCallFailedException($"The MCP server '{settings.Name}' stopped while running {Name}; it is switched off for you. Go on without its tools.", ex);
                }

                if (attempt < settings.MaxRetries)
                {
                    continue;
                }

                connection.RecordFailure($"{Name}: {ex.Message}");
                throw new ToolCallFailedException($"{Name} failed{(attempt > 0 ? $" {attempt + 1} times" : "")}: {ex.Message}", ex);
            }
        }
    }

    private static string Render(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => $"[image, {i.MimeType}]",
                AudioContentBlock a => $"[audio, {a.MimeType}]",
                EmbeddedResourceBlock r => r.Resource is TextResourceContents trc ? trc.Text : $"[resource {r.Resource.Uri}]",
                ResourceLinkBlock l => $"[resource link {l.Uri}]",
                _ => $"[{block.Type} content]",
            });
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.GetRawText());
        }

        return text.ToString();
    }
}
