using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Logging;

/// <summary>A model's stream of updates passed through unchanged, shown on the way to whoever writes it down.</summary>
internal static class ObservedStream
{
    /// <summary>
    /// Yields every update of <paramref name="source"/> after showing it to <paramref name="onUpdate"/>, then calls
    /// <paramref name="onEnd"/> once with what ended the stream: the source's exception, if it threw, and whether the
    /// stream was read to its end (false when the reader stopped early, a cancelled turn).
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> Observe(
        IAsyncEnumerable<ChatResponseUpdate> source,
        Action<ChatResponseUpdate> onUpdate,
        Action<Exception?, bool> onEnd,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Exception? failure = null;
        var completed = false;
        try
        {
            await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        completed = true;
                        break;
                    }
                }
                catch (Exception exception)
                {
                    failure = exception;
                    throw;
                }

                onUpdate(enumerator.Current);
                yield return enumerator.Current;
            }
        }
        finally
        {
            onEnd(failure, completed);
        }
    }
}
