using System.Globalization;
using System.Text;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Displays;

/// <summary>
/// The state every display shows, folded from the event stream: one view per agent, recent coordination events, the
/// running totals and, at the end, the result. Displays read it; only <see cref="Apply"/> changes it.
/// </summary>
internal sealed class RunView
{
    private const int MaxRecentEvents = 6;
    private readonly List<AgentView> _agents = [];
    private readonly Dictionary<string, AgentView> _agentsById = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentEvents = new();
    private readonly StringBuilder _finalAnswer = new();

    public string Task { get; private set; } = "";

    public int Seed { get; private set; }

    public IReadOnlyList<AgentView> Agents => _agents;

    public IReadOnlyCollection<string> RecentEvents => _recentEvents;

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? LastEventAt { get; private set; }

    public int Revision { get; private set; }

    public int Attempt { get; private set; } = 1;

    public TokenUsage TotalUsage { get; private set; } = TokenUsage.Zero;

    public string? PresenterId { get; private set; }

    public ConsensusReached? Consensus { get; private set; }

    public string StreamedFinalAnswer => _finalAnswer.ToString();

    public CoordinationResult? Result { get; private set; }

    public bool IsFinished => Result is not null;

    /// <summary>True when a key asks for the answer now (the rich display says which); see <see cref="AnswerNowRequested"/>.</summary>
    public bool AnswerNowAvailable { get; set; }

    /// <summary>True once the answer-now key was pressed.</summary>
    public bool AnswerNowRequested { get; set; }

    /// <summary>Adds agents known before the run starts (so columns show up at once, with their models).</summary>
    public void SeedAgents(IEnumerable<(string Id, string Label, string? Model)> agents)
    {
        foreach (var (id, label, model) in agents)
        {
            GetOrAdd(id, label, model);
        }
    }

    public AgentView? FindAgent(string agentId) => _agentsById.GetValueOrDefault(agentId);

    public string Describe(string agentId) => _agentsById.TryGetValue(agentId, out var agent) ? agent.Id : agentId;

    /// <summary>Folds one event into the state.</summary>
    public void Apply(CoordinationEvent coordinationEvent)
    {
        ArgumentNullException.ThrowIfNull(coordinationEvent);
        LastEventAt = coordinationEvent.Timestamp;
        Attempt = coordinationEvent.Attempt;
        switch (coordinationEvent)
        {
            case RunStarted started:
                Task = started.Task;
                Seed = started.Seed;
                StartedAt ??= started.Timestamp;
                foreach (var agent in started.Agents)
                {
                    GetOrAdd(agent.AgentId, agent.Label, agent.Model);
                }

                break;
            case RunResumed resumed:
                Task = resumed.Task;
                Seed = resumed.Seed;
                foreach (var agent in resumed.Agents)
                {
                    GetOrAdd(agent.AgentId, agent.Label, agent.Model);
                }

                AddEvent(string.Create(CultureInfo.InvariantCulture, $"run resumed: {resumed.Resumption.RedoneTurns.Count} turn(s) redone"));
                break;
            case TurnStarted turn:
                With(turn.AgentId, a =>
                {
                    a.TurnNumber = turn.TurnNumber;
                    a.Activity = turn.Kind == TurnKind.Presentation ? AgentActivity.Presenting : AgentActivity.Thinking;
                    a.AppendLine(turn.Kind switch
                    {
                        TurnKind.Presentation => "── presenting the final answer",
                        TurnKind.PostEvaluation => "── reviewing the final answer",
                        _ => string.Create(CultureInfo.InvariantCulture, $"── turn {turn.TurnNumber} (revision {turn.Revision}{(turn.CanAnswer ? "" : ", vote only")})"),
                    });
                });
                break;
            case TextDelta text:
                With(text.AgentId, a =>
                {
                    a.Activity = a.Activity == AgentActivity.Presenting ? AgentActivity.Presenting : AgentActivity.Answering;
                    a.AppendText(text.Text);
                });
                break;
            case ReasoningDelta reasoning:
                With(reasoning.AgentId, a =>
                {
                    a.Activity = a.Activity == AgentActivity.Presenting ? AgentActivity.Presenting : AgentActivity.Thinking;
                    a.AppendText(reasoning.Text);
                });
                break;
            case ToolCallStarted tool:
                With(tool.AgentId, a =>
                {
                    a.Activity = AgentActivity.CallingTool;
                    a.ActivityDetail = tool.ToolName;
                    a.AppendLine($"🔧 {tool.ToolName}({Shorten(tool.ArgumentsJson, 60)})");
                });
                break;
            case ToolCallFinished tool:
                With(tool.AgentId, a =>
                {
                    a.Activity = AgentActivity.Thinking;
                    a.AppendLine($"   {tool.Outcome.ToString().ToLowerInvariant()}: {Shorten(tool.ResultPreview, 60)}");
                });
                break;
            case ToolNotice notice when notice.Severity != Core.Agents.ToolNoticeSeverity.Information:
                With(notice.AgentId, a => a.AppendLine($"⚠ {notice.Source}: {notice.Message}"));
                AddEvent($"{notice.AgentId}: {notice.Source} {notice.Message}");
                break;
            case AnswerAccepted answer:
                Revision = answer.Revision;
                With(answer.AgentId, a =>
                {
                    a.AnswerCount = answer.AnswerNumber;
                    a.Activity = AgentActivity.Answered;
                    a.VotedForLabel = null;
                    a.AppendLine(string.Create(CultureInfo.InvariantCulture, $"✔ answer {answer.AnswerNumber} accepted"));
                });
                AddEvent(string.Create(CultureInfo.InvariantCulture, $"{answer.AgentId} ({answer.Label}) answered: answer {answer.AnswerNumber}, revision {answer.Revision}"));
                break;
            case DecisionRejected rejected:
                With(rejected.AgentId, a => a.AppendLine($"✖ rejected: {Shorten(rejected.Message, 80)}"));
                AddEvent(string.Create(CultureInfo.InvariantCulture, $"{rejected.AgentId}: decision rejected (rule {(int)rejected.Rule}){(rejected.WillRetry ? ", retrying" : "")}"));
                break;
            case VoteCounted vote:
                With(vote.VoterId, a =>
                {
                    a.Activity = AgentActivity.Voted;
                    a.VotedForLabel = vote.TargetLabel;
                    a.AppendLine($"🗳 voted for {vote.TargetLabel}: {Shorten(vote.Reason, 80)}");
                });
                AddEvent($"{vote.VoterId} voted for {vote.TargetId} ({vote.TargetLabel})");
                break;
            case VoteDiscarded discarded:
                With(discarded.VoterId, a =>
                {
                    a.Activity = AgentActivity.VoteDiscarded;
                    a.AppendLine("stale vote discarded");
                });
                AddEvent(string.Create(CultureInfo.InvariantCulture, $"{discarded.VoterId}'s vote discarded (revision {discarded.CastOnRevision} < {discarded.CurrentRevision})"));
                break;
            case VotesCleared cleared:
                foreach (var voter in cleared.VoterIds)
                {
                    With(voter, a =>
                    {
                        a.VotedForLabel = null;
                        a.Activity = a.Activity == AgentActivity.Voted ? AgentActivity.Waiting : a.Activity;
                    });
                }

                break;
            case TurnCancelled cancelled:
                With(cancelled.AgentId, a =>
                {
                    a.Activity = AgentActivity.Cancelled;
                    a.AppendLine($"turn cancelled: {cancelled.Reason}");
                });
                break;
            case TurnFailed failed:
                With(failed.AgentId, a => a.AppendLine($"✖ turn failed: {Shorten(failed.Error, 80)}"));
                break;
            case AgentRetrying retrying:
                With(retrying.AgentId, a =>
                {
                    a.Activity = AgentActivity.Retrying;
                    a.ActivityDetail = string.Create(CultureInfo.InvariantCulture, $"in {retrying.Delay.TotalSeconds:0.#} s");
                });
                AddEvent(string.Create(CultureInfo.InvariantCulture, $"{retrying.AgentId} retries in {retrying.Delay.TotalSeconds:0.#} s: {Shorten(retrying.Error, 60)}"));
                break;
            case AgentFailed agentFailed:
                With(agentFailed.AgentId, a =>
                {
                    a.Activity = AgentActivity.Failed;
                    a.ActivityDetail = agentFailed.Error;
                    a.AppendLine($"✖ failed: {Shorten(agentFailed.Error, 80)}");
                });
                AddEvent($"{agentFailed.AgentId} failed: {Shorten(agentFailed.Error, 60)}");
                break;
            case AgentTimedOut timedOut:
                With(timedOut.AgentId, a =>
                {
                    a.Activity = AgentActivity.TimedOut;
                    a.AppendLine(string.Create(CultureInfo.InvariantCulture, $"⏱ turn timed out after {timedOut.Timeout.TotalSeconds:0} s"));
                });
                AddEvent($"{timedOut.AgentId} timed out");
                break;
            case WrapUpStarted wrapUp:
                AddEvent($"wrap-up: {wrapUp.Reason}");
                break;
            case ConsensusReached consensus:
                Consensus = consensus;
                AddEvent($"winner {consensus.WinnerId} ({consensus.WinnerLabel}) by {Words.Termination(consensus.Reason)}{(consensus.TieBroken ? ", tie broken" : "")}");
                break;
            case PresentationStarted presentation:
                PresenterId = presentation.AgentId;
                _finalAnswer.Clear();
                With(presentation.AgentId, a => a.Activity = AgentActivity.Presenting);
                AddEvent($"{presentation.AgentId} ({presentation.Label}) presents the final answer");
                break;
            case FinalAnswerDelta delta:
                _finalAnswer.Append(delta.Text);
                break;
            case PresentationFinished finished:
                if (PresenterId is { } presenter)
                {
                    With(presenter, a => a.Activity = AgentActivity.Presented);
                }

                break;
            case UsageReported usage:
                With(usage.AgentId, a => a.Usage = usage.AgentTotal);
                TotalUsage = TotalUsage.Add(usage.Usage);
                break;
            case RoundStarted round:
                AddEvent(string.Create(CultureInfo.InvariantCulture, $"round {round.Round}: {round.Groups} group(s) of {round.Agents} agents{(round.IsFinal ? " (last)" : "")}"));
                break;
            case GroupConverged converged:
                AddEvent($"group {converged.Group}: winner {converged.WinnerId} by {Words.Termination(converged.Reason)}");
                break;
            case GroupFailed failed:
                AddEvent($"group {failed.Group}: no winner ({Words.Termination(failed.Reason)})");
                break;
            case OrchestrationRestarting restarting:
                AddEvent(string.Create(CultureInfo.InvariantCulture, $"restarting (attempt {restarting.NextAttempt}): {Shorten(restarting.Reason, 60)}"));
                foreach (var agent in _agents)
                {
                    agent.Activity = AgentActivity.Waiting;
                    agent.ClearTail();
                }

                break;
            case RunFinished finished:
                Result = finished.Result;
                TotalUsage = finished.Result.TotalUsage;
                foreach (var usage in finished.Result.Usage)
                {
                    With(usage.AgentId, a => a.Usage = usage.Usage);
                }

                AddEvent($"run finished: {Words.Termination(finished.Result.TerminationReason)}");
                break;
        }
    }

    private void With(string agentId, Action<AgentView> update)
    {
        // An event about an agent the run never announced still shows up rather than being dropped.
        var agent = _agentsById.TryGetValue(agentId, out var known) ? known : GetOrAdd(agentId, "?", null);
        update(agent);
    }

    private AgentView GetOrAdd(string id, string label, string? model)
    {
        if (_agentsById.TryGetValue(id, out var existing))
        {
            if (existing.Label == label || label == "?")
            {
                return existing;
            }

            // The run announces the real labels; a pre-seeded view is replaced in place.
            var replaced = new AgentView(id, label, model ?? existing.Model);
            _agents[_agents.IndexOf(existing)] = replaced;
            _agentsById[id] = replaced;
            return replaced;
        }

        var agent = new AgentView(id, label, model);
        _agents.Add(agent);
        _agentsById[id] = agent;
        return agent;
    }

    private void AddEvent(string text)
    {
        _recentEvents.Enqueue(text);
        while (_recentEvents.Count > MaxRecentEvents)
        {
            _recentEvents.Dequeue();
        }
    }

    internal static string Shorten(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, max - 1), "…");
    }
}
