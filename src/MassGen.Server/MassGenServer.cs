using System.Net;
using System.Threading.RateLimiting;
using MassGen.Server.Endpoints;
using MassGen.Server.Runs;
using MassGen.Server.Security;
using MassGen.Server.Telemetry;
using MassGen.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MassGen.Server;

/// <summary>
/// Teams as OpenAI-compatible models over HTTP: <c>POST /v1/chat/completions</c>, <c>GET /v1/models</c>, the
/// coordination events of each run at <c>GET /v1/runs/{id}/events</c>, and the web view at <c>/</c> (docs/serve.md).
/// </summary>
public sealed class MassGenServer : IAsyncDisposable
{
    private const string CompletionsPolicy = "completions";
    private readonly WebApplication _app;

    private MassGenServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens (with the real port when 0 was asked), e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The OpenAI base URL clients use: <see cref="BaseAddress"/> plus <c>v1/</c>.</summary>
    public Uri OpenAIBaseUrl => new(BaseAddress, "v1/");

    /// <summary>Starts listening.</summary>
    /// <exception cref="ArgumentException">The options are unusable (every problem is in the message).</exception>
    public static async Task<MassGenServer> StartAsync(MassGenServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(MassGenServer).Assembly.GetName().Name });
        // The variables given (the command's environment) are where OpenTelemetry's standard settings are read from.
        builder.Configuration.AddInMemoryCollection(options.EnvironmentVariables.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        builder.Logging.ClearProviders();
        // ASP.NET Core's own lines (one per request) drown the run lines; its warnings and errors still come through.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = TeamRequestRunner.DrainCap(options.MaxRequestBodyBytes);
            var address = string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(options.Host.Trim('[', ']'));
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<LiveRuns>();
        builder.Services.AddSingleton<RunPermits>();
        builder.Services.AddSingleton(new RunLogs(options.LogsDirectory));
        builder.Services.AddSingleton<RunLauncher>();
        builder.Services.AddSingleton<TeamRequestRunner>();
        builder.Services.AddSingleton(new ModelsEndpoint(options, options.TimeProvider.GetUtcNow().ToUnixTimeSeconds()));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(CompletionsPolicy, context => options.RateLimitPerClient == 0
                ? RateLimitPartition.GetNoLimiter(BearerTokenCheck.ClientKey(context))
                : RateLimitPartition.GetFixedWindowLimiter(BearerTokenCheck.ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPerClient,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                }));
        });
        TelemetrySetup.AddTo(builder.Services, options.EnvironmentVariables);

        var app = builder.Build();
        var auth = new BearerTokenCheck(options.ApiKey);
        app.Use((context, next) => auth.InvokeAsync(context, next));
        app.UseRateLimiter();
        app.MapPost("/v1/chat/completions", (HttpContext context, TeamRequestRunner runner) => runner.HandleAsync(context, ChatCompletionParser.Parse, (c, r, created) => new CompletionWriter(c, r, created)))
            .RequireRateLimiting(CompletionsPolicy);
        app.MapPost("/v1/responses", (HttpContext context, TeamRequestRunner runner) => runner.HandleAsync(context, ResponsesParser.Parse, (c, r, created) => new ResponseWriter(c, r, created)))
            .RequireRateLimiting(CompletionsPolicy);
        app.MapGet("/v1/models", (ModelsEndpoint models) => models.List());
        app.MapGet("/v1/models/{id}", (string id, ModelsEndpoint models) => models.Get(id));
        app.MapGet("/v1/runs", (HttpContext context, LiveRuns runs, RunLogs logs) => RunEventsEndpoint.ListAsync(runs, logs, options.ClusterRuns, context.RequestAborted));
        app.MapPost("/v1/runs", (HttpContext context, RunLauncher launcher) => launcher.StartAsync(context)).RequireRateLimiting(CompletionsPolicy);
        app.MapGet("/v1/runs/{id}/events", (HttpContext context, LiveRuns runs, RunLogs logs, string id) => RunEventsEndpoint.StreamAsync(context, runs, logs, options.ClusterRuns, id));
        app.MapPost("/v1/runs/{id}/answer-now", (LiveRuns runs, string id) => RunEventsEndpoint.AnswerNow(runs, id));
        app.MapPost("/v1/markdown", (HttpRequest request) => WebView.RenderAsync(request));
        app.MapPost(BearerTokenCheck.LoginPath, (HttpRequest request, HttpResponse response) => auth.LoginAsync(request, response)).RequireRateLimiting(CompletionsPolicy);
        app.MapGet("/", (HttpContext context) => WebView.Page(context));
        app.MapGet("/runs/{id}", (HttpContext context) => WebView.Page(context));
        app.MapGet("/web/{name}", (HttpContext context, string name) => WebView.Asset(context, name));
        app.MapFallback((HttpContext context) => OpenAiError.Result(StatusCodes.Status404NotFound, $"No endpoint {context.Request.Method} {context.Request.Path}; this server has POST /v1/chat/completions, POST /v1/responses, GET /v1/models, GET /v1/runs, GET /v1/runs/{{id}}/events and the web view at /.", "invalid_request_error", "unknown_url"));

        await app.StartAsync(cancellationToken);
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MassGenServer(app, new Uri(listening.EndsWith('/') ? listening : listening + "/"));
    }

    /// <summary>Stops taking requests; runs under way are stopped gracefully, and telemetry still buffered is flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var options = rejected.HttpContext.RequestServices.GetRequiredService<MassGenServerOptions>();
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var message = rejected.Lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason) && reason is not null
            ? reason
            : $"Too many requests: this server takes {options.RateLimitPerClient} per client every {options.RateLimitWindow.TotalSeconds:0.###} s (massgen serve --rate-limit).";
        await OpenAiError.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, message, "requests", "rate_limit_exceeded");
    }
}
