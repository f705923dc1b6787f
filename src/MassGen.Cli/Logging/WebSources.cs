using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Logging;

/// <summary>
/// The web sources the providers' own search tools grounded answers on (Gemini's Google Search, web search tools), per
/// agent, in the order they arrived, without duplicates. The result document lists them, and the winner's beside the
/// final answer.
/// </summary>
internal sealed class WebSources
{
    private readonly Lock _gate = new();
    private readonly List<(string AgentId, string Url, string? Title)> _sources = [];

    /// <summary>Wraps <paramref name="client"/> so that the sources in its answers are recorded for <paramref name="agentId"/>.</summary>
    public IChatClient Watch(string agentId, IChatClient client) => new Watcher(client, this, agentId);

    /// <summary><c>[{agent_id, url, title}]</c> of every agent, or only of <paramref name="agentId"/>.</summary>
    public JsonArray ToJson(string? agentId = null)
    {
        lock (_gate)
        {
            return new JsonArray([.. _sources.Where(s => agentId is null || s.AgentId == agentId).Select(s => (JsonNode?)new JsonObject
            {
                ["agent_id"] = s.AgentId,
                ["url"] = s.Url,
                ["title"] = s.Title,
            })]);
        }
    }

    private void Record(string agentId, WebSearchToolResultContent result)
    {
        lock (_gate)
        {
            foreach (var source in result.Outputs?.OfType<UriContent>() ?? [])
            {
                var url = source.Uri.ToString();
                if (!_sources.Exists(s => s.AgentId == agentId && s.Url == url))
                {
                    _sources.Add((agentId, url, source.AdditionalProperties?.GetValueOrDefault("title") as string));
                }
            }
        }
    }

    private sealed class Watcher(IChatClient inner, WebSources sources, string agentId) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            foreach (var result in response.Messages.SelectMany(m => m.Contents).OfType<WebSearchToolResultContent>())
            {
                sources.Record(agentId, result);
            }

            return response;
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                foreach (var result in update.Contents.OfType<WebSearchToolResultContent>())
                {
                    sources.Record(agentId, result);
                }

                yield return update;
            }
        }
    }
}
