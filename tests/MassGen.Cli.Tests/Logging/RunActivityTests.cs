using MassGen.Cli.Logging;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Logging;

public sealed class RunActivityTests
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(2);

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WaitForPause_WorkNotedWhileWaiting_WaitsForQuietAfterTheLastWork()
    {
        var time = new SignallingTimeProvider();
        var activity = new RunActivity(time, s_quiet, s_longestWait);
        activity.Note();

        var pause = activity.WaitForPauseAsync(CancellationToken.None);
        Assert.Equal(s_quiet, await time.WaitForTimerAsync(_ => true));
        time.Advance(TimeSpan.FromMilliseconds(30));
        activity.Note();
        time.Advance(TimeSpan.FromMilliseconds(20));

        // Quiet for 20 ms only: the wait is armed again for the 30 ms still missing.
        Assert.Equal(TimeSpan.FromMilliseconds(30), await time.WaitForTimerAsync(_ => true));
        Assert.False(pause.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(30));
        await pause;
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WaitForPause_QuietAlready_CompletesAtOnce()
    {
        var time = new SignallingTimeProvider();
        var activity = new RunActivity(time, s_quiet, s_longestWait);
        activity.Note();
        time.Advance(s_quiet);

        await activity.WaitForPauseAsync(CancellationToken.None);

        Assert.Empty(time.Armed);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WaitForPause_NeverQuiet_CompletesAfterTheLongestWait()
    {
        var time = new SignallingTimeProvider();
        var activity = new RunActivity(time, s_quiet, s_longestWait);
        activity.Note();
        var pause = activity.WaitForPauseAsync(CancellationToken.None);

        // Work is noted 10 ms before each armed wait ends, so the run is never quiet for 50 ms.
        var waited = TimeSpan.Zero;
        while (waited < s_longestWait)
        {
            Assert.False(pause.IsCompleted, $"done after {waited} of work");
            var due = await time.WaitForTimerAsync(_ => true);
            var beforeWork = due > TimeSpan.FromMilliseconds(10) ? due - TimeSpan.FromMilliseconds(10) : TimeSpan.Zero;
            time.Advance(beforeWork);
            activity.Note();
            time.Advance(due - beforeWork);
            waited += due;
        }

        await pause;
        Assert.Equal(s_longestWait, waited);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WaitForPause_Cancelled_CompletesAtOnceWithoutThrowing()
    {
        var time = new SignallingTimeProvider();
        var activity = new RunActivity(time, s_quiet, s_longestWait);
        activity.Note();
        using var ending = new CancellationTokenSource();
        var pause = activity.WaitForPauseAsync(ending.Token);
        await time.WaitForTimerAsync(_ => true);

        await ending.CancelAsync();

        await pause;
    }
}
