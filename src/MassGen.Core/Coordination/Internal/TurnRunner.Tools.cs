using System.Diagnostics;
using System.Text.Json;
using MassGen.Core.Diagnostics;
using MassGen.Core.Agents;
using MassGen.Core.Events;
using MassGen.Core.Prompts;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Ordinary tool calls of a turn: invocation with context, outcomes, events and the <c>inject</c> update.</summary>
internal sealed partial class TurnRunner
{
    private const int PreviewLength = 200;

    /// <summary>Runs one round of tool calls. Returns an error when the turn must fail (too many tool errors in a row).</summary>
    private async Task<string?> RunToolsAsync(List<FunctionCallContent> calls, List<AIContent> results, bool askForUpdate, CancellationToken cancellationToken)
    {
        _toolRounds++;
        var agentId = _turn.Agent.Id;
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var argumentsJson = call.Exception is null ? JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions) : "(unreadable arguments)";
            host.Publish(_turn, new ToolCallStarted(agentId, _turn.TurnNumber, call.CallId, call.Name, argumentsJson));
            var started = timeProvider.GetTimestamp();
            ToolCallOutcome outcome;
            string text;
            using (var activity = MassGenTelemetry.Source.StartActivity("execute_tool " + call.Name))
            {
                activity?.SetTag(MassGenTelemetry.Attributes.Operation, "execute_tool")
                    .SetTag(MassGenTelemetry.Attributes.ToolName, call.Name)
                    .SetTag(MassGenTelemetry.Attributes.ToolCallId, call.CallId)
                    .SetTag(MassGenTelemetry.Attributes.AgentId, agentId);
                (outcome, text) = await InvokeAsync(call, cancellationToken).ConfigureAwait(false);
                activity?.SetTag(MassGenTelemetry.Attributes.ToolOutcome, outcome.ToString().ToLowerInvariant());
                if (outcome == ToolCallOutcome.Failed)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, Preview(text));
                }
            }

            var duration = timeProvider.GetElapsedTime(started);
            _consecutiveToolErrors = outcome == ToolCallOutcome.Failed ? _consecutiveToolErrors + 1 : 0;

            var injected = false;
            var isLast = i == calls.Count - 1;
            if (isLast && askForUpdate)
            {
                // The update rides on the last result of a round that did not decide (COORDINATION.md §5, inject).
                var suffix = "";
                if (_turn.Kind == TurnKind.Coordination && await host.RequestUpdateAsync(_turn, cancellationToken).ConfigureAwait(false) is { } update)
                {
                    suffix = ApplyUpdate(update);
                    injected = true;
                }

                if (!ToolRoundsLeft)
                {
                    suffix += CoordinationPrompts.ToolLimitReached;
                }

                text += suffix;
            }

            results.Add(new FunctionResultContent(call.CallId, text));
            host.Publish(_turn, new ToolCallFinished(agentId, _turn.TurnNumber, call.CallId, call.Name, duration, outcome, Preview(text), injected));
            if (_consecutiveToolErrors >= options.MaxConsecutiveToolErrors)
            {
                return $"{_consecutiveToolErrors} tool calls failed in a row; the last: {Preview(text)}";
            }
        }

        return null;
    }

    private async Task<(ToolCallOutcome Outcome, string Text)> InvokeAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (!_functions.TryGetValue(call.Name, out var function))
        {
            return (ToolCallOutcome.Failed, ToolPrompts.NoSuchTool(call.Name));
        }

        if (call.Exception is not null)
        {
            return (ToolCallOutcome.Failed, ToolPrompts.ArgumentsNotJson(call.Name));
        }

        var arguments = new AIFunctionArguments(call.Arguments ?? new Dictionary<string, object?>())
        {
            Context = new Dictionary<object, object?>
            {
                [typeof(ToolInvocationContext)] = new ToolInvocationContext(_turn.Agent.Id, setup.Label, _turn.TurnNumber, _turn.Kind == TurnKind.Presentation, setup.Reporter),
            },
        };
        try
        {
            var result = await function.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
            return result is ToolRefusal refusal ? (ToolCallOutcome.Refused, refusal.Message) : (ToolCallOutcome.Succeeded, ResultText(result));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failing tool is reported to the model as an error result, as function-calling clients do.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return (ToolCallOutcome.Failed, ToolPrompts.ToolFailed(call.Name, error.Message));
        }
    }

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };

    private static string Preview(string text) => text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";
}
