using System.Text.Json.Nodes;
using MassGen.Cli.Logging;
using MassGen.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Cli.Tests.Logging;

public sealed class CallLogWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("massgen-calllog-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Enqueue_RendersLaterOnTheWriter_AndDisposeLeavesEveryFileOnDisk()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new CallLogWriter();

        // The first record blocks the writer until the test releases it, after enqueuing everything: were a record
        // rendered on the caller's path, the first Enqueue would never return and the test would time out.
        writer.Enqueue(Path.Combine(_root, "a", "turn_001", "call_01.json"), () =>
        {
            release.Task.Wait();
            return new JsonObject { ["n"] = 1 };
        });
        for (var n = 2; n <= 50; n++)
        {
            var number = n;
            writer.Enqueue(Path.Combine(_root, "a", "turn_001", $"call_{number:D2}.json"), () => new JsonObject { ["n"] = number });
        }

        release.SetResult();
        await writer.DisposeAsync();

        Assert.Null(writer.FirstFailure);
        for (var n = 1; n <= 50; n++)
        {
            var record = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "a", "turn_001", $"call_{n:D2}.json")))!;
            Assert.Equal(n, record["n"]!.GetValue<int>());
        }
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Enqueue_UnwritablePath_RecordedAsFailureAndTheOthersStillWritten()
    {
        var blocker = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where a folder should be");
        var writer = new CallLogWriter();

        writer.Enqueue(Path.Combine(blocker, "call_01.json"), () => new JsonObject());
        writer.Enqueue(Path.Combine(_root, "ok", "call_01.json"), () => new JsonObject { ["ok"] = true });
        await writer.DisposeAsync();

        Assert.Contains("not-a-folder", writer.FirstFailure);
        Assert.True(File.Exists(Path.Combine(_root, "ok", "call_01.json")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Enqueue_AfterDispose_WritesInPlace()
    {
        var writer = new CallLogWriter();
        await writer.DisposeAsync();

        writer.Enqueue(Path.Combine(_root, "late", "call_01.json"), () => new JsonObject { ["late"] = true });

        Assert.True(File.Exists(Path.Combine(_root, "late", "call_01.json")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Enqueue_FolderRemovedBetweenCalls_IsMadeAgain()
    {
        var writer = new CallLogWriter();
        var folder = Path.Combine(_root, "agent", "turn_001");

        writer.Enqueue(Path.Combine(folder, "call_01.json"), () => new JsonObject { ["n"] = 1 });
        writer.Enqueue(Path.Combine(_root, "marker.json"), () =>
        {
            // Runs on the writer after the first file is on disk: the folder it made goes before the next call.
            Directory.Delete(Path.Combine(_root, "agent"), recursive: true);
            return new JsonObject();
        });
        writer.Enqueue(Path.Combine(folder, "call_02.json"), () => new JsonObject { ["n"] = 2 });
        await writer.DisposeAsync();

        Assert.Null(writer.FirstFailure);
        Assert.False(File.Exists(Path.Combine(folder, "call_01.json")));
        Assert.Equal(2, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "call_02.json")))!["n"]!.GetValue<int>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Enqueue_WhileTheRunIsBusy_WritesInTheNextPause()
    {
        var time = new SignallingTimeProvider();
        var activity = new RunActivity(time, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));
        var writer = new CallLogWriter(activity);
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var path = Path.Combine(_root, "a", "turn_001", "call_01.json");

        writer.Enqueue(path, () =>
        {
            rendered.TrySetResult();
            return new JsonObject { ["n"] = 1 };
        });
        Assert.Equal(TimeSpan.FromMilliseconds(50), await time.WaitForTimerAsync(_ => true));
        time.Advance(TimeSpan.FromMilliseconds(40));
        writer.NoteCallStarting();
        time.Advance(TimeSpan.FromMilliseconds(10));

        // A call started 10 ms ago: the writer waits on instead of rendering.
        Assert.Equal(TimeSpan.FromMilliseconds(40), await time.WaitForTimerAsync(_ => true));
        Assert.False(rendered.Task.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(40));
        await rendered.Task;
        await writer.DisposeAsync();

        Assert.Equal(1, JsonNode.Parse(await File.ReadAllTextAsync(path))!["n"]!.GetValue<int>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Dispose_WhileWaitingForAPause_WritesEverythingAtOnce()
    {
        // The clock never moves: were disposal to wait for the pause, this test would time out.
        var time = new FakeTimeProvider();
        var writer = new CallLogWriter(new RunActivity(time, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2)));
        for (var n = 1; n <= 3; n++)
        {
            var number = n;
            writer.Enqueue(Path.Combine(_root, "b", "turn_001", $"call_{number:D2}.json"), () => new JsonObject { ["n"] = number });
        }

        await writer.DisposeAsync();

        for (var n = 1; n <= 3; n++)
        {
            Assert.True(File.Exists(Path.Combine(_root, "b", "turn_001", $"call_{n:D2}.json")));
        }
    }
}
