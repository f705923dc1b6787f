using System.Runtime.CompilerServices;
using MassGen.Core.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MassGen.Server.Telemetry;

/// <summary>
/// OpenTelemetry export for the command and the server, configured only by the standard variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>, <c>_PROTOCOL</c>, <c>_HEADERS</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, ...): the coordination's spans (<see cref="MassGenTelemetry"/>)
/// and Microsoft.Extensions.AI's GenAI chat spans and metrics go to the OTLP exporter. Without an endpoint nothing is set up.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The source and meter of Microsoft.Extensions.AI's OpenTelemetry chat client.</summary>
    public const string ChatSourceName = "Experimental.Microsoft.Extensions.AI";

    /// <summary>The GenAI variable that opts in to recording prompts and answers on spans (off by default).</summary>
    public const string CaptureContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    // ASP.NET Core's request activity is the parent of a served run: unless it is sampled too, the default
    // parent-based sampler drops the run and everything under it.
    private const string AspNetCoreSourceName = "Microsoft.AspNetCore";

    private static readonly string[] s_endpointVariables =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    /// <summary>Whether the variables name an OTLP endpoint (and export is therefore wanted).</summary>
    public static bool IsEnabled(IReadOnlyDictionary<string, string> variables) =>
        s_endpointVariables.Any(name => variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value));

    /// <summary>Whether prompts, answers and vote reasons may go on spans.</summary>
    public static bool CapturesContent(IReadOnlyDictionary<string, string> variables) =>
        variables.TryGetValue(CaptureContentVariable, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Starts the export for a process that has no host of its own (the command). Dispose the result at the end: it
    /// flushes what is still buffered. Null when no endpoint is set.
    /// </summary>
    public static IDisposable? StartForCommand(IReadOnlyDictionary<string, string> variables, string serviceName = "massgen")
    {
        ArgumentNullException.ThrowIfNull(variables);
        return IsEnabled(variables) ? Start(variables, serviceName) : null;
    }

    // Apart, so that a command without export never loads OpenTelemetry's assemblies (on the way to its first request).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Providers Start(IReadOnlyDictionary<string, string> variables, string serviceName)
    {
        var configuration = Configuration(variables);
        var tracer = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => Resource(resource, serviceName))
            .AddSource(MassGenTelemetry.SourceName, ChatSourceName)
            .AddOtlpExporter()
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => Resource(resource, serviceName))
            .AddMeter(ChatSourceName)
            .AddOtlpExporter()
            .Build();
        return new Providers(tracer, meter);
    }

    /// <summary>Adds the export to a host's services (the server).</summary>
    internal static void AddTo(IServiceCollection services, IReadOnlyDictionary<string, string> variables, string serviceName = "massgen-serve")
    {
        if (!IsEnabled(variables))
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => Resource(resource, serviceName))
            .WithTracing(tracing => tracing.AddSource(MassGenTelemetry.SourceName, ChatSourceName, AspNetCoreSourceName).AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(ChatSourceName).AddOtlpExporter());
    }

    /// <summary>The variables as configuration, which is where the OpenTelemetry SDK reads the standard ones from.</summary>
    internal static IConfiguration Configuration(IReadOnlyDictionary<string, string> variables) =>
        new ConfigurationBuilder().AddInMemoryCollection(variables.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    private static void Resource(ResourceBuilder resource, string serviceName)
    {
        // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, come on top of this default (the SDK reads them).
        resource.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString());
    }

    private sealed class Providers(TracerProvider tracer, MeterProvider meter) : IDisposable
    {
        public void Dispose()
        {
            tracer.Dispose();
            meter.Dispose();
        }
    }
}
