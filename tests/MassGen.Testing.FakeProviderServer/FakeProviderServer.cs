using System.Net;
using System.Text.Json.Nodes;
using MassGen.Testing.Providers.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MassGen.Testing.Providers;

/// <summary>
/// A wire-faithful fake of the model providers' HTTP APIs on <c>127.0.0.1</c> (a free port). It serves OpenAI Chat
/// Completions (SSE and plain JSON), OpenAI Responses, Anthropic Messages and the Gemini API (at
/// <see cref="GeminiBaseUrl"/>) from scripted <see cref="FakeTurn"/>s,
/// and records every request. The protocol is chosen by the path's ending, so point any backend's <c>base_url</c> at
/// <see cref="OpenAIBaseUrl"/> (OpenAI-style, with <c>/v1</c>) or <see cref="BaseUrl"/> (Anthropic-style).
/// </summary>
/// <example>
/// <code>
/// await using var server = await FakeProviderServer.StartAsync();
/// server.Enqueue(FakeTurn.Text("Hel", "lo").WithUsage(12, 3));
/// // ... point a client at server.OpenAIBaseUrl, call it, then:
/// Assert.Equal("gpt-5-mini", server.Requests[0].Model);
/// </code>
/// </example>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<FakeTurn> _shared = new();
    private readonly Dictionary<string, Queue<FakeTurn>> _byModel = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private int _disposed;

    private FakeProviderServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's root, for example <c>http://127.0.0.1:5123</c> (Anthropic SDKs take this form).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The root with <c>/v1</c>, as OpenAI-style clients expect their endpoint.</summary>
    public Uri OpenAIBaseUrl => new(BaseUrl, "/v1");

    /// <summary>The root with <c>/v1beta</c>, as the Gemini API's base URL.</summary>
    public Uri GeminiBaseUrl => new(BaseUrl, "/v1beta");

    /// <summary>
    /// When set, requests must carry this key (<c>Authorization: Bearer</c> or <c>api-key</c> for OpenAI-style paths,
    /// <c>x-api-key</c> for Anthropic) or get a 401 in the provider's error format.
    /// </summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>
    /// Answers a request when no queued turn is left for it, from what the request says (a policy model for
    /// benchmarks and long runs); <c>null</c>, the default, keeps the 400 for an unscripted request.
    /// </summary>
    public Func<RecordedRequest, FakeTurn>? Responder { get; set; }

    /// <summary>A fixed wait before each answer starts, as a provider's latency; zero by default.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on <c>127.0.0.1</c> at a free port.</summary>
    public static async Task<FakeProviderServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeProviderServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeProviderServer(app, new Uri(address));
        return server;
    }

    /// <summary>Queues a turn served to the next request of any model (after that model's own queue is empty).</summary>
    public FakeTurn Enqueue(FakeTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        lock (_gate)
        {
            _shared.Enqueue(turn);
        }

        return turn;
    }

    /// <summary>
    /// Queues a turn served only to requests for <paramref name="model"/>, so parallel agents on different models each
    /// get their own script.
    /// </summary>
    public FakeTurn Enqueue(string model, FakeTurn turn)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(turn);
        lock (_gate)
        {
            if (!_byModel.TryGetValue(model, out var queue))
            {
                _byModel[model] = queue = new Queue<FakeTurn>();
            }

            queue.Enqueue(turn);
        }

        return turn;
    }

    /// <summary>Stops the server; stalled streams end at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (request.Protocol == FakeWireProtocol.Unknown)
        {
            await WriteJsonAsync(context, 404, ChatCompletionsWire.Error(404, $"The fake provider server does not serve {request.Path}."));
            return;
        }

        if (RequiredApiKey is { } key && !HasKey(request, key))
        {
            await WriteErrorAsync(context, request.Protocol, new FakeError(401, "Incorrect API key provided.", null));
            return;
        }

        var model = request.Model ?? "unknown-model";
        var turn = Dequeue(model) ?? Responder?.Invoke(request);
        if (turn is null)
        {
            await WriteErrorAsync(context, request.Protocol, new FakeError(400,
                $"The fake provider server has no scripted turn left for model '{model}' (queue one with FakeProviderServer.Enqueue).", null));
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            turn.MarkReceived();
            await turn.Gate.WaitAsync(linked.Token);
            if (ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(ResponseDelay, linked.Token);
            }

            if (request.Protocol == FakeWireProtocol.Responses && ResponsesWire.UnresolvableReasoningItem(request.Body) is { } notFound)
            {
                await WriteErrorAsync(context, request.Protocol, new FakeError(404, notFound, null));
            }
            else if (turn.ErrorResponse is { } error)
            {
                await WriteErrorAsync(context, request.Protocol, error);
            }
            else if (turn.Fault == FakeFault.Empty)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = request.IsStreaming ? "text/event-stream" : "application/json";
                await context.Response.Body.FlushAsync(linked.Token);
            }
            else if (request.IsStreaming)
            {
                await StreamAsync(context, request, turn, model, linked.Token);
            }
            else
            {
                await WriteJsonAsync(context, 200, request.Protocol switch
                {
                    FakeWireProtocol.Responses => ResponsesWire.Complete(turn, model, IncludesEncryptedReasoning(request)),
                    FakeWireProtocol.AnthropicMessages => AnthropicWire.Complete(turn, model),
                    FakeWireProtocol.Gemini => GeminiWire.Complete(turn, model),
                    _ => ChatCompletionsWire.Complete(turn, model),
                });
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away (or the server is stopping): exactly what cancellation tests look for.
        }
        finally
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                turn.MarkDisconnected();
            }

            turn.MarkServed();
        }
    }

    private static bool IncludesEncryptedReasoning(RecordedRequest request) =>
        request.Body?["include"] is JsonArray include
        && include.Any(i => i?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)i == "reasoning.encrypted_content");

    private async Task StreamAsync(HttpContext context, RecordedRequest request, FakeTurn turn, string model, CancellationToken cancellationToken)
    {
        if (turn.Fault == FakeFault.Stall && turn.FaultAfterEvents == 0)
        {
            await StallAsync(turn, cancellationToken);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var includeUsage = request.Body?["stream_options"]?["include_usage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        var events = request.Protocol switch
        {
            FakeWireProtocol.Responses => ResponsesWire.Stream(turn, model, IncludesEncryptedReasoning(request)),
            FakeWireProtocol.AnthropicMessages => AnthropicWire.Stream(turn, model),
            FakeWireProtocol.Gemini => GeminiWire.Stream(turn, model),
            _ => ChatCompletionsWire.Stream(turn, model, includeUsage),
        };

        var sent = 0;
        foreach (var sse in events)
        {
            if (turn.Fault != FakeFault.None && sent == turn.FaultAfterEvents)
            {
                switch (turn.Fault)
                {
                    case FakeFault.Cut:
                        await context.Response.Body.FlushAsync(cancellationToken);
                        turn.MarkStalled();

                        // A reset can lose bytes the client has not read yet, so with events sent the cut waits until
                        // the test says the client has its partial answer (FakeTurn.CutNow). No grace period: however
                        // long a busy machine takes to deliver them, the partial answer is never lost to the cut.
                        if (sent > 0)
                        {
                            await turn.CutRequested.WaitAsync(cancellationToken);
                        }

                        context.Abort();
                        return;
                    case FakeFault.MalformedJson:
                        await context.Response.WriteAsync(
                            (sse.Name is null ? "" : $"event: {sse.Name}\n") + "data: {\"choices\":[{\"delta\":{\"content\":\"unterminated\n\n",
                            cancellationToken);
                        return;
                    case FakeFault.Stall:
                        await context.Response.Body.FlushAsync(cancellationToken);
                        await StallAsync(turn, cancellationToken);
                        return;
                }
            }

            var frame = sse.Name is null ? $"data: {sse.Data}\n\n" : $"event: {sse.Name}\ndata: {sse.Data}\n\n";
            await context.Response.WriteAsync(frame, cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            sent++;
        }
    }

    private static async Task StallAsync(FakeTurn turn, CancellationToken cancellationToken)
    {
        turn.MarkStalled();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }

    private FakeTurn? Dequeue(string model)
    {
        lock (_gate)
        {
            if (_byModel.TryGetValue(model, out var own) && own.Count > 0)
            {
                return own.Dequeue();
            }

            return _shared.Count > 0 ? _shared.Dequeue() : null;
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        JsonNode? body = null;
        try
        {
            body = raw.Length > 0 ? JsonNode.Parse(raw) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Recorded as raw text; a test asserting on Body sees null.
        }

        var path = context.Request.Path.Value ?? "/";
        var protocol = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? FakeWireProtocol.ChatCompletions
            : path.EndsWith("/responses", StringComparison.Ordinal) ? FakeWireProtocol.Responses
            : path.EndsWith("/messages", StringComparison.Ordinal) ? FakeWireProtocol.AnthropicMessages
            : path.EndsWith(":generateContent", StringComparison.Ordinal) || path.EndsWith(":streamGenerateContent", StringComparison.Ordinal) ? FakeWireProtocol.Gemini
            : FakeWireProtocol.Unknown;
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var recorded = new RecordedRequest(protocol, context.Request.Method, path, headers, raw) { Body = body, Query = context.Request.QueryString.Value ?? "" };
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        return recorded;
    }

    private static bool HasKey(RecordedRequest request, string key) => request.Protocol switch
    {
        FakeWireProtocol.AnthropicMessages => request.Header("x-api-key") == key,
        FakeWireProtocol.Gemini => request.Header("x-goog-api-key") == key,
        _ => request.Header("authorization") == $"Bearer {key}" || request.Header("api-key") == key,
    };

    private static Task WriteErrorAsync(HttpContext context, FakeWireProtocol protocol, FakeError error)
    {
        if (protocol == FakeWireProtocol.Gemini)
        {
            return WriteJsonAsync(context, error.StatusCode, GeminiWire.Error(error.StatusCode, error.Message, error.RetryAfter));
        }

        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.StatusCode, protocol == FakeWireProtocol.AnthropicMessages
            ? AnthropicWire.Error(error.StatusCode, error.Message)
            : ChatCompletionsWire.Error(error.StatusCode, error.Message));
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
