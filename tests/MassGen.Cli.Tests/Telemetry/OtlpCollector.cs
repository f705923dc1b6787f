using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MassGen.Cli.Tests.Telemetry;

/// <summary>
/// A small OTLP/HTTP collector on 127.0.0.1: it accepts <c>POST /v1/traces</c> (and metrics, counted only), decodes
/// each protobuf <c>ExportTraceServiceRequest</c> and keeps the spans.
/// </summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<OtlpSpan> Spans { get; } = new();

    public int MetricExports => _metricExports;

    private int _metricExports;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpCollector? collector = null;
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            foreach (var span in OtlpTraceReader.Read(body.ToArray()))
            {
                collector!.Spans.Enqueue(span);
            }

            context.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost("/v1/metrics", () =>
        {
            Interlocked.Increment(ref collector!._metricExports);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        collector = new OtlpCollector(app, new Uri(address));
        return collector;
    }

    /// <summary>The variables that point the standard OTLP exporter at this collector.</summary>
    public Dictionary<string, string> Variables() => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
