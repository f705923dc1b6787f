using System.Globalization;
using System.Threading.Channels;
using MassGen.Core.Events;
using Spectre.Console;

namespace MassGen.Cli.Displays;

/// <summary>One plain line per event that matters (no deltas, no colours needed), then the final answer. For pipes and CI logs.</summary>
internal sealed class SimpleDisplay : IRunDisplay
{
    private readonly IAnsiConsole _console;
    private readonly RunView _view;

    public SimpleDisplay(IAnsiConsole console, RunView view)
    {
        _console = console;
        _view = view;
    }

    public async Task RunAsync(ChannelReader<CoordinationEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await foreach (var coordinationEvent in events.ReadAllAsync(cancellationToken))
        {
            _view.Apply(coordinationEvent);
            if (Describe(coordinationEvent) is { } line)
            {
                _console.Profile.Out.Writer.WriteLine(line);
            }
        }

        WriteFinal();
    }

    private void WriteFinal()
    {
        var writer = _console.Profile.Out.Writer;
        if (_view.Result is not { } result)
        {
            writer.WriteLine("The run ended without a result.");
            return;
        }

        if (Words.WinningPath(result) is { } path)
        {
            writer.WriteLine(path);
        }

        if (Words.Resumed(result.Resumptions) is { } resumed)
        {
            writer.WriteLine("This run was " + resumed + ".");
        }

        if (result.FinalAnswer is { } answer)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Final answer ({Words.Presentation(result.Presentation)}):"));
            writer.WriteLine(answer.TrimEnd());
        }
        else
        {
            writer.WriteLine($"No answer: {result.TerminationDetail ?? Words.Termination(result.TerminationReason)}");
        }

        writer.Flush();
    }

    internal static string? Describe(CoordinationEvent coordinationEvent) => coordinationEvent switch
    {
        RunResumed resumed => string.Create(
            CultureInfo.InvariantCulture,
            $"Run resumed after event {resumed.Resumption.AfterSequence}: {resumed.Resumption.AnswersRestored} answers and {resumed.Resumption.VotesRestored} votes restored; redone: {(resumed.Resumption.RedoneTurns.Count == 0 ? "no turn" : string.Join(", ", resumed.Resumption.RedoneTurns.Select(t => $"{t.AgentId} turn {t.TurnNumber}")))}\nQuestion: {resumed.Task}"),
        RunStarted started => string.Create(
            CultureInfo.InvariantCulture,
            $"Run started: {started.Agents.Count} agents ({string.Join(", ", started.Agents.Select(a => $"{a.AgentId}={a.Label} {a.Model}".TrimEnd()))}), seed {started.Seed}\nQuestion: {started.Task}"),
        TurnStarted { Kind: TurnKind.Coordination } turn => string.Create(
            CultureInfo.InvariantCulture, $"[{turn.AgentId}] turn {turn.TurnNumber} on revision {turn.Revision}{(turn.CanAnswer ? "" : " (vote only)")}"),
        TurnStarted turn => $"[{turn.AgentId}] {(turn.Kind == TurnKind.Presentation ? "presenting the final answer" : "reviewing the final answer")}",
        ToolCallFinished tool => string.Create(
            CultureInfo.InvariantCulture, $"[{tool.AgentId}] tool {tool.ToolName}: {tool.Outcome.ToString().ToLowerInvariant()} in {tool.Duration.TotalMilliseconds:0} ms"),
        ToolNotice notice when notice.Severity != Core.Agents.ToolNoticeSeverity.Information => $"[{notice.AgentId}] {notice.Source}: {notice.Message}",
        AnswerAccepted answer => string.Create(
            CultureInfo.InvariantCulture, $"[{answer.AgentId}] answer {answer.AnswerNumber} accepted as {answer.Label}, revision {answer.Revision}: {RunView.Shorten(answer.Content, 100)}"),
        DecisionRejected rejected => string.Create(
            CultureInfo.InvariantCulture, $"[{rejected.AgentId}] decision rejected (rule {(int)rejected.Rule}, try {rejected.Try}): {rejected.Message}"),
        VoteCounted vote => $"[{vote.VoterId}] votes for {vote.TargetId} ({vote.TargetLabel}): {RunView.Shorten(vote.Reason, 100)}",
        VoteDiscarded discarded => string.Create(
            CultureInfo.InvariantCulture, $"[{discarded.VoterId}] stale vote discarded (cast on revision {discarded.CastOnRevision}, current {discarded.CurrentRevision})"),
        TurnFailed failed => string.Create(
            CultureInfo.InvariantCulture, $"[{failed.AgentId}] turn {failed.TurnNumber} failed ({failed.ConsecutiveFailures} in a row): {failed.Error}"),
        AgentRetrying retrying => string.Create(
            CultureInfo.InvariantCulture, $"[{retrying.AgentId}] retrying in {retrying.Delay.TotalSeconds:0.#} s"),
        AgentFailed failed => $"[{failed.AgentId}] FAILED and left the team: {failed.Error}",
        AgentTimedOut timedOut => string.Create(
            CultureInfo.InvariantCulture, $"[{timedOut.AgentId}] turn {timedOut.TurnNumber} timed out after {timedOut.Timeout.TotalSeconds:0} s"),
        WrapUpStarted wrapUp => $"Wrap-up: {wrapUp.Reason}",
        ConsensusReached consensus => string.Create(
            CultureInfo.InvariantCulture,
            $"Winner: {consensus.WinnerId} ({consensus.WinnerLabel}) by {Words.Termination(consensus.Reason)}; votes: {FormatTally(consensus)}{(consensus.TieBroken ? "; tie broken by the tie-break rule" : "")}"),
        RoundStarted round => string.Create(
            CultureInfo.InvariantCulture, $"Round {round.Round}: {round.Groups} group(s) of {round.Agents} agents{(round.IsFinal ? ", the last" : "")}"),
        GroupFormed formed => $"Group {formed.Group}: {string.Join(", ", formed.AgentIds)}{(formed.StartsFromAnswers ? ", starting from their winning answers" : "")}",
        GroupConverged converged => $"Group {converged.Group} winner: {converged.WinnerId} by {Words.Termination(converged.Reason)}: {RunView.Shorten(converged.WinningAnswer, 100)}",
        GroupFailed failed => $"Group {failed.Group} has no winner ({Words.Termination(failed.Reason)}){(failed.Detail is null ? "" : ": " + failed.Detail)}",
        OrchestrationRestarting restarting => string.Create(
            CultureInfo.InvariantCulture, $"Restarting (attempt {restarting.NextAttempt}): {restarting.Reason}"),
        RunFinished finished => string.Create(
            CultureInfo.InvariantCulture,
            $"Finished: {Words.Termination(finished.Result.TerminationReason)} in {Words.Elapsed(finished.Result.Duration)}, {finished.Result.TotalUsage.TotalTokens} tokens, {Words.Cost(finished.Result.TotalUsage.CostUsd)}"),
        _ => null,
    };

    private static string FormatTally(ConsensusReached consensus) =>
        consensus.Tally.Count == 0
            ? "none"
            : string.Join(", ", consensus.Tally.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.AgentId} {t.Votes}")));
}
