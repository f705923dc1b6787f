namespace MassGen.Core.Coordination;

/// <summary>How readily agents are told to vote (COORDINATION.md §2).</summary>
public enum VotingSensitivity
{
    /// <summary>Vote when an existing answer is reasonable.</summary>
    Lenient,

    /// <summary>Vote when an existing answer is good and complete.</summary>
    Balanced,

    /// <summary>Vote only for an answer that cannot be meaningfully improved.</summary>
    Strict,
}

/// <summary>How different a new answer must be (COORDINATION.md §4, rule 6).</summary>
public enum AnswerNoveltyRequirement
{
    /// <summary>Only identical answers are rejected.</summary>
    Lenient,

    /// <summary>Rejects answers whose word-set Jaccard similarity with a current answer exceeds 0.70.</summary>
    Balanced,

    /// <summary>Rejects answers whose word-set Jaccard similarity with a current answer exceeds 0.50.</summary>
    Strict,
}

/// <summary>What happens to in-flight turns when an answer is accepted (COORDINATION.md §5).</summary>
public enum NewAnswerPolicy
{
    /// <summary>The turn goes on; the update rides on its next ordinary tool result.</summary>
    Inject,

    /// <summary>The turn is cancelled at once and a fresh one starts.</summary>
    Restart,
}

/// <summary>How a tie between answers is broken (COORDINATION.md §6).</summary>
public enum TieBreak
{
    /// <summary>The agent listed first in the configuration wins.</summary>
    Registration,

    /// <summary>A choice drawn from the run seed.</summary>
    Random,

    /// <summary>The most recently accepted answer among the tied wins.</summary>
    Latest,
}

/// <summary>How the final answer is produced (COORDINATION.md §8).</summary>
public enum FinalPresentationMode
{
    /// <summary>The winner takes a presentation turn.</summary>
    Full,

    /// <summary>The winning answer is used verbatim.</summary>
    Skip,
}

/// <summary>Who reads whose answers: the shape of the team (<c>orchestrator.topology</c>).</summary>
public enum TeamTopology
{
    /// <summary>Every agent reads every answer (COORDINATION.md as written). The input of a turn grows with the team.</summary>
    All,

    /// <summary>
    /// Agents are split (seeded) into groups of <see cref="OrchestratorOptions.GroupSize"/> that converge on their own;
    /// the groups' winners then form one final group that starts from their winning answers and converges.
    /// </summary>
    Islands,

    /// <summary>
    /// Seeded brackets of <see cref="OrchestratorOptions.GroupSize"/>: the first brackets answer and converge, then the
    /// winning answers are compared (vote only) in brackets of the same size, round after round, until one remains.
    /// </summary>
    Tournament,
}
