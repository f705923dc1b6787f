using System.Collections.Concurrent;

namespace MassGen.Tools.Commands;

/// <summary>
/// Starts child processes from one thread that lives as long as this process. Linux delivers a child's parent-death
/// signal (bubblewrap's <c>--die-with-parent</c>, which every sandbox uses so that it ends with MassGen) when the
/// <em>thread</em> that forked the child ends, not the process. Thread-pool threads end after a while without work, so a
/// sandbox forked from one was killed (SIGKILL, exit code 137) whenever that thread retired, in the middle of its command
/// or of an MCP server's life. Forking from this thread ties the signal to the process's life as intended.
/// </summary>
internal static class ProcessStarter
{
    private static readonly BlockingCollection<Action> s_work = [];
    private static readonly Lazy<Thread> s_thread = new(() =>
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "MassGen process starter" };
        thread.Start();
        return thread;
    });

    /// <summary>
    /// Runs <paramref name="start"/> (which starts a process, synchronously) on the starter thread; the returned task
    /// completes, off that thread, with its result or exception.
    /// </summary>
    public static Task<T> RunAsync<T>(Func<T> start)
    {
        if (Thread.CurrentThread == s_thread.Value)
        {
            return Task.FromResult(start());
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        s_work.Add(() =>
        {
            try
            {
                done.SetResult(start());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    private static void Run()
    {
        foreach (var work in s_work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
