using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Core.Tests.Testing;

public sealed class ScriptedChatClientTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetStreamingResponseAsync_ScriptedSteps_StreamsTextReasoningCallsAndUsage()
    {
        using var client = new ScriptedChatClient("c", null, Script.Respond().Reasoning("hmm").Text("hi").Vote("agent2", "why").Usage(10, 5));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "q")]))
        {
            updates.Add(update);
        }

        var contents = updates.SelectMany(u => u.Contents).ToList();
        Assert.IsType<TextReasoningContent>(contents[0]);
        Assert.Equal("hi", Assert.IsType<TextContent>(contents[1]).Text);
        var call = Assert.IsType<FunctionCallContent>(contents[2]);
        Assert.Equal("vote", call.Name);
        Assert.Equal("agent2", call.Arguments!["agent_id"]!.ToString());
        Assert.Equal(10, Assert.IsType<UsageContent>(contents[3]).Details.InputTokenCount);
        Assert.Equal("q", Assert.Single(client.Requests).UserText);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_UsageScripted_ReportsUsageOnResponse()
    {
        using var client = new ScriptedChatClient("c", null, Script.Say("hello").Usage(3, 4, costNanoUsd: 1500));

        var response = await client.GetResponseAsync([new(ChatRole.User, "q")]);

        Assert.Equal("hello", response.Text);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.False(Assert.Single(client.Requests).Streaming);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_MalformedArguments_CallCarriesParseError()
    {
        using var client = new ScriptedChatClient("c", null, Script.Respond().CallRaw("vote", "{not json"));

        var response = await client.GetResponseAsync([new(ChatRole.User, "q")]);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.NotNull(call.Exception);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_ScriptExhausted_FailsWithClearMessage()
    {
        using var client = new ScriptedChatClient("lonely", null, Script.Say("one"));
        await client.GetResponseAsync([new(ChatRole.User, "q")]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new(ChatRole.User, "q")]));

        Assert.Contains("'lonely' has no scripted response left for request #2", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_DelayAndHang_RunOnFakeClockAndNoticeCancellation()
    {
        var time = new FakeTimeProvider();
        using var client = new ScriptedChatClient("c", time, Script.Respond().Delay(TimeSpan.FromSeconds(5)).Text("late"), Script.Respond().HangUntilCancelled());

        var delayed = client.GetResponseAsync([new(ChatRole.User, "q")]);
        await client.WaitForRequestsAsync(1);
        Assert.False(delayed.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("late", (await delayed).Text);

        using var cts = new CancellationTokenSource();
        var hanging = client.GetResponseAsync([new(ChatRole.User, "q")], cancellationToken: cts.Token);
        await client.WaitForRequestsAsync(2);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        Assert.Equal(1, client.CancellationsObserved);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_Barriers_WaitAndSignal()
    {
        var reached = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var client = new ScriptedChatClient("c", null, Script.Respond().Signal(reached).WaitFor(release.Task).Text("done"));

        var call = client.GetResponseAsync([new(ChatRole.User, "q")]);
        await reached.Task;
        Assert.False(call.IsCompleted);
        release.SetResult();

        Assert.Equal("done", (await call).Text);
    }
}
