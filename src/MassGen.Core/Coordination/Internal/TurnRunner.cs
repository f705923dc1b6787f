using System.Diagnostics;
using System.Text;
using MassGen.Core.Diagnostics;
using MassGen.Core.Agents;
using MassGen.Core.Events;
using MassGen.Core.Prompts;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Runs one model conversation of one agent: streams each call, forwards deltas and usage, runs ordinary tools, and
/// hands decisions to the loop for validation. Every way a turn can end becomes a verdict or a <see cref="TurnEnd"/>;
/// nothing escapes as an exception.
/// </summary>
internal sealed partial class TurnRunner(ITurnHost host, TurnSetup setup, OrchestratorOptions options, TimeProvider timeProvider)
{
    private readonly TurnHandle _turn = setup.Handle;
    private readonly List<ChatMessage> _messages = [];
    private readonly StringBuilder _text = new();
    private Dictionary<string, AIFunction> _functions = new(StringComparer.Ordinal);
    private List<AITool> _tools = [];
    private bool _canAnswer;
    private IReadOnlyList<string> _voteLabels = [];
    private int _toolRounds;
    private int _consecutiveToolErrors;
    private string? _budgetRefusal;

    private bool ToolRoundsLeft => _toolRounds < options.MaxToolIterationsPerTurn;

    public async Task RunAsync()
    {
        // Started on the turn's own task: the model calls below (and their chat spans) are its children.
        using var activity = StartActivity();
        using var timeout = new CancellationTokenSource(setup.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_turn.Cancellation.Token, timeout.Token);
        TurnEnd? end;
        try
        {
            end = await RunCoreAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_turn.Cancellation.IsCancellationRequested)
        {
            end = new TurnEnd(TurnEndKind.Cancelled, Text: _text.ToString());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            end = new TurnEnd(TurnEndKind.TimedOut, $"the turn exceeded its time limit of {setup.Timeout.TotalSeconds:0.###} s", _text.ToString());
        }
#pragma warning disable CA1031 // Any failure of a provider or tool ends this turn only; it must never break the run.
        catch (Exception error)
#pragma warning restore CA1031
        {
            // A failure that says it will not heal is reported in its own words: its message names the fix.
            end = FindPermanent(error) is { } permanent
                ? new TurnEnd(TurnEndKind.Failed, permanent.Message, _text.ToString(), Permanent: true)
                : new TurnEnd(TurnEndKind.Failed, Describe(error), _text.ToString());
        }

        activity?.SetTag(MassGenTelemetry.Attributes.TurnOutcome, end is null ? "decided" : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(end.Kind.ToString()));
        if (end is { Kind: not (TurnEndKind.Completed or TurnEndKind.Cancelled) })
        {
            activity?.SetStatus(ActivityStatusCode.Error, end.Error);
        }

        if (end is not null)
        {
            host.End(_turn, end);
        }
    }

    private Activity? StartActivity()
    {
        var activity = MassGenTelemetry.Source.StartActivity("massgen.turn");
        return activity?.SetTag(MassGenTelemetry.Attributes.AgentId, _turn.Agent.Id)
            .SetTag(MassGenTelemetry.Attributes.AgentLabel, setup.Label)
            .SetTag(MassGenTelemetry.Attributes.AgentModel, _turn.Agent.Definition.ModelDescription)
            .SetTag(MassGenTelemetry.Attributes.TurnNumber, _turn.TurnNumber)
            .SetTag(MassGenTelemetry.Attributes.TurnKind, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(_turn.Kind.ToString()))
            .SetTag(MassGenTelemetry.Attributes.Revision, _turn.Revision);
    }

    private Activity? StartDecisionActivity(DecisionAttempt attempt)
    {
        var activity = MassGenTelemetry.Source.StartActivity("massgen.decision");
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(MassGenTelemetry.Attributes.AgentId, _turn.Agent.Id)
            .SetTag(MassGenTelemetry.Attributes.AgentLabel, setup.Label)
            .SetTag(MassGenTelemetry.Attributes.TurnNumber, _turn.TurnNumber)
            .SetTag(MassGenTelemetry.Attributes.DecisionKind, string.Join(",", attempt.Decisions.Select(d => d.ToolName).Concat(attempt.UnknownTools)));
        if (attempt.Decisions is [{ Kind: DecisionKind.Vote } vote])
        {
            activity.SetTag(MassGenTelemetry.Attributes.VoteTarget, vote.Label);
        }

        if (options.CaptureTelemetryContent && attempt.Decisions is [var only])
        {
            activity.SetTag(MassGenTelemetry.Attributes.DecisionContent, only.Kind == DecisionKind.NewAnswer ? only.Content : only.Reason);
        }

        return activity;
    }

    internal static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message}";

    /// <summary>
    /// The outermost exception in the chain (inner and aggregate exceptions, since an SDK may wrap ours) that knows
    /// whether it is permanent, when it says it is.
    /// </summary>
    internal static Exception? FindPermanent(Exception? error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is IPermanentFailure classified)
            {
                return classified.IsPermanent ? current : null;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindPermanent).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }

    private async Task<TurnEnd?> RunCoreAsync(CancellationToken cancellationToken)
    {
        // Built here, on the turn's own task (not on the loop), from the newest answers published by now.
        var opening = setup.Open();
        if (opening.Revision > _turn.Revision)
        {
            _turn.Revision = opening.Revision;
        }

        _canAnswer = opening.CanAnswer;
        _voteLabels = opening.VoteLabels;
        _messages.AddRange(opening.Messages(setup.SystemMessage));
        var agent = _turn.Agent;
        _tools = [.. agent.Definition.Tools];
        if (agent.Environment is { } environment)
        {
            await environment.BeforeTurnAsync(opening.Preparation, cancellationToken).ConfigureAwait(false);
            _tools.AddRange(environment.GetTools());
        }

        _functions = _tools.OfType<AIFunction>().GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await CallModelAsync(cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return new TurnEnd(TurnEndKind.OverBudget, _budgetRefusal, _text.ToString());
            }

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => !c.InformationalOnly).ToList();
            var step = _turn.Kind switch
            {
                TurnKind.Coordination => await CoordinationStepAsync(response, calls, cancellationToken).ConfigureAwait(false),
                TurnKind.PostEvaluation => await ReviewStepAsync(calls, cancellationToken).ConfigureAwait(false),
                _ => await PresentationStepAsync(calls, cancellationToken).ConfigureAwait(false),
            };
            if (step.Done)
            {
                return step.End;
            }
        }
    }

    /// <summary>One model call, or <c>null</c> when a coordination call would not fit in the budget.</summary>
    private async Task<ChatResponse?> CallModelAsync(CancellationToken cancellationToken)
    {
        var agentId = _turn.Agent.Id;
        var promptChars = BudgetGate.PromptChars(_messages);
        BudgetGate.Reservation? reservation = null;
        if (_turn.Kind == TurnKind.Coordination)
        {
            reservation = host.Budget.TryReserve(agentId, promptChars, out _budgetRefusal);
            if (reservation is null)
            {
                return null;
            }
        }

        var chatOptions = setup.Handle.Agent.Definition.ChatOptions?.Clone() ?? new ChatOptions();
        List<AITool> offered = [.. chatOptions.Tools ?? []];
        if (ToolRoundsLeft)
        {
            offered.AddRange(_tools);
        }

        var decisionTools = OfferedDecisionTools().ToList();
        offered.AddRange(decisionTools);
        chatOptions.Tools = offered.Count > 0 ? offered : null;
        // One call per response while decisions are on offer: a vote and an answer together are rejected anyway.
        chatOptions.AllowMultipleToolCalls = offered.Count > 0 ? decisionTools.Count == 0 : null;

        var updates = new List<ChatResponseUpdate>();
        var completed = false;
        try
        {
            var response = await StreamAsync(chatOptions, updates, cancellationToken).ConfigureAwait(false);
            completed = true;
            return response;
        }
        finally
        {
            // Settled on every way out: a call cancelled at the stop counts what the provider reported before it ended.
            var usage = updates.ToChatResponse().Usage is { } details ? TokenUsage.From(details) : null;
            if (!completed && usage is not null)
            {
                host.ReportUsage(_turn, usage);
            }

            if (reservation is not null)
            {
                host.Budget.Settle(reservation, usage);
            }
            else if (usage is not null)
            {
                host.Budget.Count(agentId, promptChars, usage);
            }
        }
    }

    private async Task<ChatResponse> StreamAsync(ChatOptions chatOptions, List<ChatResponseUpdate> updates, CancellationToken cancellationToken)
    {
        var agentId = _turn.Agent.Id;
        await foreach (var update in _turn.Agent.Definition.ChatClient.GetStreamingResponseAsync(_messages, chatOptions, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text:
                        _text.Append(text.Text);
                        host.Publish(_turn, _turn.Kind is TurnKind.Presentation ? new FinalAnswerDelta(text.Text) : new TextDelta(agentId, _turn.TurnNumber, text.Text));
                        break;
                    case TextReasoningContent { Text.Length: > 0 } reasoning:
                        host.Publish(_turn, new ReasoningDelta(agentId, _turn.TurnNumber, reasoning.Text));
                        break;
                    case ToolCallContent or ToolResultContent when HostedToolActivity.From(agentId, _turn.TurnNumber, content) is { } activity:
                        host.Publish(_turn, activity);
                        break;
                }
            }
        }

        var response = updates.ToChatResponse();
        if (response.Usage is { } usage)
        {
            host.ReportUsage(_turn, TokenUsage.From(usage));
        }

        _messages.AddRange(response.Messages);
        return response;
    }

    private IEnumerable<AITool> OfferedDecisionTools() => _turn.Kind switch
    {
        TurnKind.Coordination when !_turn.Agent.Definition.DecisionsAsJsonText => DecisionTools.ForTurn(_canAnswer, _voteLabels),
        TurnKind.PostEvaluation => [DecisionTools.Submit, DecisionTools.RestartOrchestration],
        _ => [],
    };

    private async Task<StepResult> CoordinationStepAsync(ChatResponse response, List<FunctionCallContent> calls, CancellationToken cancellationToken)
    {
        var decisionCalls = calls.Where(c => DecisionTools.IsCoordinationDecision(c.Name)).ToList();
        var ordinaryCalls = calls.Where(c => !DecisionTools.IsCoordinationDecision(c.Name) && ToolRoundsLeft && _functions.ContainsKey(c.Name)).ToList();
        var unknownCalls = calls.Except(decisionCalls).Except(ordinaryCalls).ToList();
        var decisions = decisionCalls.Select(c => DecisionParser.FromCall(c, DecisionParser.KindOf(c.Name)!.Value)).ToList();
        if (calls.Count == 0 && _turn.Agent.Definition.DecisionsAsJsonText)
        {
            decisions = [.. DecisionParser.FromText(response.Text)];
        }

        var results = new List<AIContent>();
        if (ordinaryCalls.Count > 0)
        {
            var toolFailure = await RunToolsAsync(ordinaryCalls, results, decisions.Count == 0 && unknownCalls.Count == 0, cancellationToken).ConfigureAwait(false);
            if (toolFailure is not null)
            {
                return StepResult.Finish(new TurnEnd(TurnEndKind.Failed, toolFailure));
            }

            if (decisions.Count == 0 && unknownCalls.Count == 0)
            {
                _messages.Add(new ChatMessage(ChatRole.Tool, results));
                return StepResult.Continue;
            }
        }

        var attempt = new DecisionAttempt(decisions, [.. unknownCalls.Select(c => c.Name)])
        {
            UnknownToolMessage = unknownCalls.Count == 0 ? null : UnknownToolMessage(unknownCalls[0].Name),
        };
        Verdict verdict;
        using (var decision = StartDecisionActivity(attempt))
        {
            verdict = await host.SubmitDecisionAsync(_turn, attempt, cancellationToken).ConfigureAwait(false);
            decision?.SetTag(MassGenTelemetry.Attributes.DecisionOutcome, verdict switch
            {
                Verdict.Accepted => "accepted",
                Verdict.Rejected => "rejected",
                _ => "over",
            });
        }

        if (verdict is not Verdict.Rejected rejected)
        {
            return StepResult.Finish(null);
        }

        var feedback = rejected.Feedback + (rejected.Update is { } update ? ApplyUpdate(update) : "");
        results.AddRange(decisionCalls.Concat(unknownCalls).Where(c => c.CallId is not null).Select(c => new FunctionResultContent(c.CallId, feedback)));
        if (results.Count > 0)
        {
            _messages.Add(new ChatMessage(ChatRole.Tool, results));
        }

        if (decisionCalls.Count + unknownCalls.Count == 0)
        {
            _messages.Add(new ChatMessage(ChatRole.User, feedback));
        }

        return StepResult.Continue;
    }

    private string UnknownToolMessage(string name) =>
        _functions.ContainsKey(name) && !ToolRoundsLeft
            ? FeedbackMessages.ToolLimitExhausted
            : FeedbackMessages.UnknownTool(name, [.. (ToolRoundsLeft ? _functions.Keys : Enumerable.Empty<string>()).Concat(OfferedDecisionTools().Select(t => t.Name))]);

    private string ApplyUpdate(TurnUpdate update)
    {
        _canAnswer = update.CanAnswer;
        _voteLabels = update.VoteLabels;
        return update.Text;
    }

    private async Task<StepResult> PresentationStepAsync(List<FunctionCallContent> calls, CancellationToken cancellationToken)
    {
        if (calls.Count == 0 || !ToolRoundsLeft)
        {
            return StepResult.Finish(new TurnEnd(TurnEndKind.Completed, Text: _text.ToString()));
        }

        var results = new List<AIContent>();
        var toolFailure = await RunToolsAsync(calls, results, askForUpdate: false, cancellationToken).ConfigureAwait(false);
        if (toolFailure is not null)
        {
            return StepResult.Finish(new TurnEnd(TurnEndKind.Failed, toolFailure, _text.ToString()));
        }

        _messages.Add(new ChatMessage(ChatRole.Tool, results));
        return StepResult.Continue;
    }

    private async Task<StepResult> ReviewStepAsync(List<FunctionCallContent> calls, CancellationToken cancellationToken)
    {
        var review = calls.Where(c => DecisionParser.KindOf(c.Name) is DecisionKind.Submit or DecisionKind.RestartOrchestration).ToList();
        if (review.Count > 0 || calls.Count == 0 || !ToolRoundsLeft)
        {
            // No decision means submit (COORDINATION.md §9).
            var decision = review.Count > 0 ? DecisionParser.FromCall(review[0], DecisionParser.KindOf(review[0].Name)!.Value) : null;
            return StepResult.Finish(new TurnEnd(TurnEndKind.Completed, Text: _text.ToString(), Review: decision));
        }

        var results = new List<AIContent>();
        var toolFailure = await RunToolsAsync(calls, results, askForUpdate: false, cancellationToken).ConfigureAwait(false);
        if (toolFailure is not null)
        {
            return StepResult.Finish(new TurnEnd(TurnEndKind.Completed, toolFailure));
        }

        _messages.Add(new ChatMessage(ChatRole.Tool, results));
        return StepResult.Continue;
    }

    private readonly record struct StepResult(bool Done, TurnEnd? End)
    {
        public static StepResult Continue => default;

        public static StepResult Finish(TurnEnd? end) => new(true, end);
    }
}
