using System.Text;
using System.Text.Json;
using MassGen.Core.Events;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Tools the provider runs itself (web search, code execution) as tool events, so displays and the run log show them
/// like the agent's own tools. The provider reports no duration for them.
/// </summary>
internal static class HostedToolActivity
{
    public const string WebSearch = "web_search";
    public const string CodeExecution = "code_execution";
    private const int PreviewLength = 500;

    public static CoordinationEvent? From(string agentId, int turnNumber, AIContent content) => content switch
    {
        WebSearchToolCallContent search => new ToolCallStarted(agentId, turnNumber, search.CallId, WebSearch,
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["queries"] = search.Queries ?? [] }, AIJsonUtilities.DefaultOptions)),
        WebSearchToolResultContent found => new ToolCallFinished(agentId, turnNumber, found.CallId, WebSearch, TimeSpan.Zero,
            ToolCallOutcome.Succeeded, Preview(Sources(found)), UpdateInjected: false),
        CodeInterpreterToolCallContent code => new ToolCallStarted(agentId, turnNumber, code.CallId, CodeExecution,
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["code"] = Code(code) }, AIJsonUtilities.DefaultOptions)),
        CodeInterpreterToolResultContent result => new ToolCallFinished(agentId, turnNumber, result.CallId, CodeExecution, TimeSpan.Zero,
            result.AdditionalProperties?.GetValueOrDefault("outcome") is string outcome && outcome != "OUTCOME_OK" ? ToolCallOutcome.Failed : ToolCallOutcome.Succeeded,
            Preview(string.Concat(result.Outputs?.OfType<TextContent>().Select(t => t.Text) ?? [])), UpdateInjected: false),
        _ => null,
    };

    private static string Sources(WebSearchToolResultContent found)
    {
        var sources = found.Outputs?.OfType<UriContent>().ToList() ?? [];
        return sources.Count == 0
            ? "no sources"
            : string.Join("; ", sources.Select(s => s.AdditionalProperties?.GetValueOrDefault("title") is string { Length: > 0 } title ? $"{title} <{s.Uri}>" : s.Uri.ToString()));
    }

    private static string Code(CodeInterpreterToolCallContent code) =>
        string.Concat(code.Inputs?.OfType<DataContent>().Select(d => Encoding.UTF8.GetString(d.Data.Span)) ?? []);

    private static string Preview(string text) => text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";
}
