using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MassGen.Providers.Internal;

/// <summary>
/// The HTTP layer under every SDK: merges pass-through body fields into the JSON request, fixes the key header where
/// an SDK sends the wrong one, and turns error responses and connection failures into
/// <see cref="ProviderHttpException"/> with the provider's own message and <c>Retry-After</c>.
/// </summary>
internal sealed class ProviderHttpHandler : DelegatingHandler
{
    private readonly JsonObject? _bodyPatch;
    private readonly IReadOnlyDictionary<string, string> _renames;
    private readonly JsonBodyRewriter _rewriter;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly bool _moveBearerToApiKeyHeader;

    public ProviderHttpHandler(HttpMessageHandler inner, JsonObject? bodyPatch, IReadOnlyDictionary<string, string> renames, IReadOnlyDictionary<string, string> headers, bool moveBearerToApiKeyHeader)
        : base(inner)
    {
        _bodyPatch = bodyPatch;
        _renames = renames;
        _rewriter = new JsonBodyRewriter(bodyPatch, renames);
        _headers = headers;
        _moveBearerToApiKeyHeader = moveBearerToApiKeyHeader;
    }

    /// <summary>A last change to every JSON body, after the patch (Anthropic cache breakpoints).</summary>
    public Action<JsonObject>? Transform { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_moveBearerToApiKeyHeader && request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } key })
        {
            // The Anthropic SDK sends its key as a bearer token; the Messages API authenticates API keys by x-api-key.
            request.Headers.Authorization = null;
            request.Headers.Remove("x-api-key");
            request.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        foreach (var (name, value) in _headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if ((_bodyPatch is not null || _renames.Count > 0 || Transform is not null) && request.Content is { } content && IsJson(content.Headers.ContentType))
        {
            request.Content = await PatchAsync(content, cancellationToken).ConfigureAwait(false);
        }

        if (RequestSentWatch.Current is { } watch && request.Content is { } requestBody)
        {
            watch.Started();
            request.Content = new SentReportingContent(requestBody, watch.Sent);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderHttpException(null, $"could not reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {ex.Message}", null, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ProviderHttpException(response.StatusCode, ErrorMessage(body, response), RetryAfter(response) ?? GoogleRetryDelay(body));
        }
    }

    /// <summary>Deep-merges <paramref name="patch"/> into <paramref name="target"/>; <c>tools</c> arrays are appended.</summary>
    internal static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else if (name == "tools" && value is JsonArray extra && target[name] is JsonArray tools)
            {
                foreach (var tool in extra)
                {
                    tools.Add(tool?.DeepClone());
                }
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && media.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The patched body: by <see cref="JsonBodyRewriter"/>'s single pass where it gives exactly what the
    /// <see cref="JsonNode"/> path gives, otherwise by that path.
    /// </summary>
    internal async Task<HttpContent> PatchAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (Transform is not null || !JsonBodyRewriter.ReadsCharset(content.Headers.ContentType))
        {
            return await PatchWithJsonNodeAsync(content, _bodyPatch, _renames, Transform, cancellationToken).ConfigureAwait(false);
        }

        using var body = new PooledBufferStream();
        await content.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        if (_rewriter.TryRewrite(body.Written) is { } rewritten)
        {
            return rewritten;
        }

        // The body has been read: the JsonNode path gets the same bytes, decoded by the same content type.
        using var readAgain = new ByteArrayContent(body.Written.ToArray());
        readAgain.Headers.ContentType = content.Headers.ContentType;
        return await PatchWithJsonNodeAsync(readAgain, _bodyPatch, _renames, Transform, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The general path: parse the body, rename, merge the patch, transform, and write it again.</summary>
    internal static async Task<HttpContent> PatchWithJsonNodeAsync(HttpContent content, JsonObject? patch, IReadOnlyDictionary<string, string> renames, Action<JsonObject>? transform, CancellationToken cancellationToken)
    {
        var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return PatchWithJsonNode(text, content.Headers.ContentType?.MediaType, patch, renames, transform);
    }

    internal static StringContent PatchWithJsonNode(string text, string? mediaType, JsonObject? patch, IReadOnlyDictionary<string, string> renames, Action<JsonObject>? transform)
    {
        if (JsonNode.Parse(text) is not JsonObject body)
        {
            return new StringContent(text, Encoding.UTF8, mediaType ?? "application/json");
        }

        foreach (var (from, to) in renames)
        {
            if (body.Remove(from, out var value))
            {
                body[to] = value;
            }
        }

        if (patch is not null)
        {
            Merge(body, patch);
        }

        transform?.Invoke(body);

        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    private static string ErrorMessage(string body, HttpResponseMessage response)
    {
        try
        {
            // OpenAI: {"error":{"message":…}}; Anthropic: {"type":"error","error":{"message":…}}; some servers: {"message":…} or {"error":"…"}.
            var node = JsonNode.Parse(body);
            var error = node?["error"];
            var message = error is JsonObject ? error["message"] : error ?? node?["message"] ?? node?["detail"];
            if (message?.GetValueKind() == JsonValueKind.String)
            {
                // Google: {"error":{"code":429,"message":…,"status":"RESOURCE_EXHAUSTED"}}: the status names the cause.
                return error is JsonObject && error["status"]?.GetValueKind() == JsonValueKind.String && error["code"] is not null
                    ? $"{error["status"]!.GetValue<string>()}: {message.GetValue<string>()}"
                    : message.GetValue<string>();
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        var trimmed = body.Trim();
        return trimmed.Length == 0 ? response.ReasonPhrase ?? "no message" : trimmed[..Math.Min(trimmed.Length, 500)];
    }

    /// <summary>
    /// Google APIs put the wait in the body instead of a header:
    /// <c>error.details[] {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37s"}</c>.
    /// </summary>
    private static TimeSpan? GoogleRetryDelay(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["error"]?["details"] is not JsonArray details)
            {
                return null;
            }

            foreach (var detail in details)
            {
                if (detail?["@type"]?.GetValueKind() == JsonValueKind.String
                    && detail["@type"]!.GetValue<string>().EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal)
                    && detail["retryDelay"]?.GetValueKind() == JsonValueKind.String
                    && detail["retryDelay"]!.GetValue<string>().TrimEnd('s') is var seconds
                    && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return TimeSpan.FromSeconds(value);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: no retry information.
        }

        return null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when response.Headers.Date is { } now => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
