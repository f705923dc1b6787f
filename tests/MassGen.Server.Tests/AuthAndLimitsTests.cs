using System.Net.Http.Headers;
using System.Text;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Tests;

public sealed class AuthAndLimitsTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_BeyondLoopbackWithoutKey_RefusesToStartSayingHowToFix()
    {
        var options = new MassGenServerOptions { Teams = new Dictionary<string, IChatClient> { ["held"] = new HeldTeam().Client }, Host = "0.0.0.0", Port = 0 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MassGenServer.StartAsync(options));

        Assert.Contains("--api-key", error.Message);
        Assert.Contains(MassGenServerOptions.ApiKeyVariable, error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Request_WithKeyConfigured_WrongOrMissingTokenIs401AndRightTokenPasses()
    {
        var team = new HeldTeam();
        team.Release();
        await using var harness = await ServerHarness.StartAsync(team.Client, o => new MassGenServerOptions { Teams = o.Teams, Port = 0, ApiKey = "s3cret" });

        var (wrong, body, _) = await harness.PostAsync(ServerHarness.Chat(), "guess");
        var (missing, _, _) = await harness.PostAsync(ServerHarness.Chat());
        using var models = new HttpRequestMessage(HttpMethod.Get, "models");
        var modelsWithoutToken = await harness.Http.SendAsync(models);
        var (right, answer, _) = await harness.PostAsync(ServerHarness.Chat(), "s3cret");

        Assert.Equal(401, wrong);
        Assert.Equal("invalid_api_key", body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(401, missing);
        Assert.Equal(401, (int)modelsWithoutToken.StatusCode);
        Assert.Equal(200, right);
        Assert.Equal("Held answer.", answer!["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Request_OnLoopbackWithoutKey_AcceptsAnyTokenOrNone()
    {
        var team = new HeldTeam();
        team.Release();
        await using var harness = await ServerHarness.StartAsync(team.Client);

        Assert.Equal(200, (await harness.PostAsync(ServerHarness.Chat(), "whatever")).Status);
        Assert.Equal(200, (await harness.PostAsync(ServerHarness.Chat())).Status);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Request_BodyOverTheLimit_Is413WithOrWithoutContentLength()
    {
        var team = new HeldTeam();
        await using var harness = await ServerHarness.StartAsync(team.Client, o => new MassGenServerOptions { Teams = o.Teams, Port = 0, MaxRequestBodyBytes = 1024 });
        var big = new string('x', 4096);

        var (declared, body, _) = await harness.PostAsync(ServerHarness.Chat(question: big));
        var (chunked, chunkedBody, _) = await harness.PostAsync(new UnknownLengthContent(Encoding.UTF8.GetBytes(
            $$"""{"model": "held", "messages": [{"role": "user", "content": "{{big}}"}]}""")));

        Assert.Equal(413, declared);
        Assert.Equal("request_too_large", body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(413, chunked);
        Assert.Equal("request_too_large", chunkedBody!["error"]!["code"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Request_OverThePerClientRate_Is429WithRetryAfter()
    {
        var team = new HeldTeam();
        await using var harness = await ServerHarness.StartAsync(team.Client, o => new MassGenServerOptions { Teams = o.Teams, Port = 0, RateLimitPerClient = 2, RateLimitWindow = TimeSpan.FromHours(1) });

        var first = await harness.PostAsync(ServerHarness.Chat("unknown"));
        var second = await harness.PostAsync(ServerHarness.Chat("unknown"));
        var third = await harness.PostAsync(ServerHarness.Chat("unknown"));

        Assert.Equal(404, first.Status);
        Assert.Equal(404, second.Status);
        Assert.Equal(429, third.Status);
        Assert.Equal("rate_limit_exceeded", third.Body!["error"]!["code"]!.GetValue<string>());
        Assert.True(third.Response.Headers.RetryAfter is not null);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Request_BeyondConcurrentRuns_Is429UntilARunEnds()
    {
        var team = new HeldTeam();
        await using var harness = await ServerHarness.StartAsync(team.Client, o => new MassGenServerOptions { Teams = o.Teams, Port = 0, MaxConcurrentRuns = 1 });

        var held = harness.PostAsync(ServerHarness.Chat());
        await team.Started;
        var (refused, body, _) = await harness.PostAsync(ServerHarness.Chat());
        team.Release();
        var (answered, _, _) = await held;
        var (afterwards, _, _) = await harness.PostAsync(ServerHarness.Chat());

        Assert.Equal(429, refused);
        Assert.Contains("--max-concurrent-runs", body!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(200, answered);
        Assert.Equal(200, afterwards);
    }

    /// <summary>A body sent without Content-Length (chunked), as a client streaming its request does.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
