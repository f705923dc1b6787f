using MassGen.Core.Agents;
using MassGen.Core.Events;
using MassGen.Core.Prompts;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// The current answers at one revision, snapshotted once by the loop and shared by every turn started or updated on
/// that revision (COORDINATION.md §2–3). It holds copies, never loop state, so turns build their own view from it on
/// their own task: per-viewer work (shuffling, rewriting, formatting) runs in parallel instead of on the loop.
/// </summary>
internal sealed class AnswersView
{
    private readonly Author[] _authors;
    private readonly int _seed;
    private readonly bool _shuffle;

    private AnswersView(Author[] authors, int revision, int seed, bool shuffle, IReadOnlyDictionary<string, string> labelsById)
    {
        _authors = authors;
        _seed = seed;
        _shuffle = shuffle;
        Revision = revision;
        VoteLabels = [.. authors.Select(a => a.Label)];
        Preparation = new TurnPreparation(labelsById, [.. authors.Select(a => a.Id)], IsFinalPresentation: false);
    }

    public int Revision { get; }

    /// <summary>Labels of the agents with an answer, in label order: the vote enum.</summary>
    public IReadOnlyList<string> VoteLabels { get; }

    public bool HasAnswers => _authors.Length > 0;

    /// <summary>What a coordination turn's environment is told before the turn.</summary>
    public TurnPreparation Preparation { get; }

    /// <summary>Snapshots the agents' current answers, in label order.</summary>
    public static AnswersView Capture(IReadOnlyList<AgentState> agents, int revision, int seed, bool shuffle, IReadOnlyDictionary<string, string> labelsById)
    {
        var authors = agents.Where(a => a.Answer is not null)
            .Select(a => new Author(a, a.Id, a.Label, a.Answer!.Content))
            .OrderBy(a => a.Label, StringComparer.Ordinal)
            .ToArray();
        return new AnswersView(authors, revision, seed, shuffle, labelsById);
    }

    /// <summary>
    /// The answers block this viewer sees: its seeded order for this revision, each peer's answer rewritten by the
    /// viewer's environment. A failed rewrite shows the answer unchanged and is reported through <paramref name="notice"/>.
    /// </summary>
    public string Block(AgentState viewer, bool markOwn, Action<CoordinationEvent> notice)
    {
        if (_authors.Length == 0)
        {
            return CoordinationPrompts.NoAnswersYet;
        }

        var authors = _authors;
        if (_shuffle)
        {
            authors = (Author[])_authors.Clone();
            LabelAssignment.ShuffleForViewer(authors, _seed, viewer.Index, Revision);
        }

        // Joined by one string.Concat, which allocates the block once at its exact length (no builder in between).
        var pieces = new string?[2 + (8 * authors.Length)];
        var next = 0;
        pieces[next++] = CoordinationPrompts.AnswersOpen;
        foreach (var author in authors)
        {
            var answer = author.Trimmed;
            if (author.State != viewer && viewer.Environment is { } environment)
            {
                answer = Rewrite(environment, viewer, author, notice);
            }

            pieces[next++] = "<";
            pieces[next++] = author.Label;
            pieces[next++] = ">\n";
            pieces[next++] = markOwn && author.State == viewer ? CoordinationPrompts.OwnAnswerMark : null;
            pieces[next++] = answer;
            pieces[next++] = "\n</";
            pieces[next++] = author.Label;
            pieces[next++] = ">\n";
        }

        pieces[next] = CoordinationPrompts.AnswersClose;
        return string.Concat(pieces);
    }

    private static string Rewrite(IAgentEnvironment environment, AgentState viewer, Author author, Action<CoordinationEvent> notice)
    {
        try
        {
            return environment.RewriteAnswerForViewer(author.Content, author.Id, author.Label).Trim();
        }
#pragma warning disable CA1031 // A faulty environment degrades one view of one answer; it must not stop the run.
        catch (Exception error)
#pragma warning restore CA1031
        {
            notice(new ToolNotice(viewer.Id, "workspace", ToolNoticeSeverity.Warning, $"Rewriting {author.Label}'s answer failed; shown unchanged: {error.Message}"));
            return author.Trimmed;
        }
    }

    /// <summary>One answer as it was when captured; <see cref="State"/> is only compared, never read.</summary>
    private sealed record Author(AgentState State, string Id, string Label, string Content)
    {
        public string Trimmed { get; } = Content.Trim();
    }
}
