using System.Collections.Concurrent;
using System.ComponentModel;
using MassGen.Testing;
using MassGen.Tools.Mcp;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace MassGen.Tools.Tests.Mcp;

/// <summary>The streamable HTTP transport against a real SDK server on 127.0.0.1.</summary>
public sealed class StreamableHttpServerTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_HttpServerWithHeaderVariable_ConnectsSendsExpandedHeaderAndCalls()
    {
        var authorizations = new ConcurrentQueue<string>();
        await using var app = await StartServerAsync(authorizations);
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/mcp");
        var settings = new McpServerSettings("web", McpTransportKind.StreamableHttp)
        {
            Url = url,
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer ${MASSGEN_TEST_TOKEN}" },
        };
        await using var manager = new McpClientManager([settings], environmentLookup: name => name == "MASSGEN_TEST_TOKEN" ? "s3cret" : null);

        await manager.StartAsync(new RecordingReporter());
        var result = await McpClientManagerTests.Call(manager, "mcp__web__shout", ("text", "hi"));

        Assert.Equal(McpServerState.Running, manager.States["web"]);
        Assert.Equal("HI", result);
        Assert.NotEmpty(authorizations);
        Assert.All(authorizations, a => Assert.Equal("Bearer s3cret", a));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_NothingListening_SwitchedOffWithReason()
    {
        var reporter = new RecordingReporter();
        var settings = new McpServerSettings("web", McpTransportKind.StreamableHttp) { Url = new Uri("http://127.0.0.1:9/mcp") };
        await using var manager = new McpClientManager([settings]);

        await manager.StartAsync(reporter);

        Assert.Equal(McpServerState.SwitchedOff, manager.States["web"]);
        Assert.Contains(reporter.Notices, n => n.Source == "mcp:web" && n.Message.Contains("could not start", StringComparison.Ordinal));
    }

    private static async Task<WebApplication> StartServerAsync(ConcurrentQueue<string> authorizations)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer()
            .WithHttpTransport()
            .WithTools([McpServerTool.Create([Description("Upper-cases text.")] (string text) => text.ToUpperInvariant(), new() { Name = "shout" })]);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            await next();
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        return app;
    }
}
