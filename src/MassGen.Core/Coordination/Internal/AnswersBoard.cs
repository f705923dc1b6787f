namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Where the loop publishes the answers of the newest revision of one attempt, for turns to read at the moment they
/// send their first request. The view is immutable, so publishing it is one reference write.
/// </summary>
internal sealed class AnswersBoard
{
    private AnswersView? _latest;

    public AnswersView? Latest
    {
        get => Volatile.Read(ref _latest);
        set => Volatile.Write(ref _latest, value);
    }
}
