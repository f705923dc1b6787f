using Microsoft.Extensions.AI;

namespace MassGen.Providers.Gemini;

/// <summary>
/// Google Search grounding as chat contents: the queries as a <see cref="WebSearchToolCallContent"/>, the sources as a
/// <see cref="WebSearchToolResultContent"/> of <see cref="UriContent"/>s (title in <c>AdditionalProperties["title"]</c>),
/// so they stay in the answer's message and reach displays, the run log and the result.
/// </summary>
internal static class GeminiGrounding
{
    public const string CallId = "google_search";

    public static IEnumerable<AIContent> Contents(GeminiGroundingMetadata grounding)
    {
        yield return new WebSearchToolCallContent(CallId) { Queries = grounding.WebSearchQueries is { Count: > 0 } queries ? [.. queries] : null };
        var sources = new List<AIContent>();
        foreach (var chunk in grounding.GroundingChunks ?? [])
        {
            if (chunk.Web is { Uri: { } uri } web && Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
            {
                sources.Add(new UriContent(parsed, "text/html") { AdditionalProperties = new() { ["title"] = web.Title } });
            }
        }

        yield return new WebSearchToolResultContent(CallId) { Outputs = sources };
    }
}
