using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Testing.Scripting;

/// <summary>
/// One scripted model call: an ordered list of steps (text, reasoning, function calls, usage, delays, barriers,
/// failures) that <see cref="ScriptedChatClient"/> plays when it receives a request.
/// </summary>
public sealed class ScriptedResponse
{
    private readonly List<ScriptStep> _steps = [];

    internal IReadOnlyList<ScriptStep> Steps => _steps;

    /// <summary>Streams a text piece.</summary>
    public ScriptedResponse Text(string text) => Add(new ScriptStep.TextStep(text));

    /// <summary>Streams a reasoning piece.</summary>
    public ScriptedResponse Reasoning(string text) => Add(new ScriptStep.ReasoningStep(text));

    /// <summary>Calls <paramref name="toolName"/> with <paramref name="arguments"/> serialised to JSON (an anonymous object or a dictionary).</summary>
    public ScriptedResponse Call(string toolName, object? arguments = null) =>
        CallRaw(toolName, arguments is null ? "{}" : JsonSerializer.Serialize(arguments));

    /// <summary>Calls a tool with arguments computed from the request at play time (e.g. a label read from the vote enum).</summary>
    public ScriptedResponse Call(string toolName, Func<RecordedRequest, object> arguments) =>
        Add(new ScriptStep.CallStep(toolName, request => JsonSerializer.Serialize(arguments(request))));

    /// <summary>Calls a tool with this raw argument text, which may be malformed JSON (as a real model sometimes sends).</summary>
    public ScriptedResponse CallRaw(string toolName, string argumentsJson) => Add(new ScriptStep.CallStep(toolName, _ => argumentsJson));

    /// <summary>Calls the <c>new_answer</c> decision tool.</summary>
    public ScriptedResponse NewAnswer(string content) => Call("new_answer", new { content });

    /// <summary>Calls the <c>vote</c> decision tool.</summary>
    public ScriptedResponse Vote(string label, string reason = "best answer") => Call("vote", new { agent_id = label, reason });

    /// <summary>Votes for a label chosen from the request at play time (for instance the first value of the vote enum).</summary>
    public ScriptedResponse Vote(Func<RecordedRequest, string> chooseLabel, string reason = "best answer") =>
        Call("vote", request => new { agent_id = chooseLabel(request), reason });

    /// <summary>Reports token usage for this call (a <see cref="UsageContent"/> update).</summary>
    public ScriptedResponse Usage(long inputTokens, long outputTokens, long reasoningTokens = 0, long cachedInputTokens = 0, long? costNanoUsd = null)
    {
        var details = new UsageDetails
        {
            InputTokenCount = inputTokens,
            OutputTokenCount = outputTokens,
            ReasoningTokenCount = reasoningTokens,
            CachedInputTokenCount = cachedInputTokens,
        };
        if (costNanoUsd is { } cost)
        {
            details.AdditionalCounts = new() { [Core.Results.TokenUsage.CostNanoUsdKey] = cost };
        }

        return Add(new ScriptStep.UsageStep(details));
    }

    /// <summary>Waits on the client's <see cref="TimeProvider"/> (advance a FakeTimeProvider to release it).</summary>
    public ScriptedResponse Delay(TimeSpan delay) => Add(new ScriptStep.DelayStep(delay));

    /// <summary>Fails the call with <paramref name="exception"/>.</summary>
    public ScriptedResponse Throw(Exception exception) => Add(new ScriptStep.ThrowStep(exception));

    /// <summary>Fails the call with an <see cref="HttpRequestException"/> carrying <paramref name="message"/>.</summary>
    public ScriptedResponse Throw(string message = "scripted provider failure") => Throw(new HttpRequestException(message));

    /// <summary>Hangs until the request is cancelled (the client records that it noticed).</summary>
    public ScriptedResponse HangUntilCancelled() => Add(new ScriptStep.HangStep());

    /// <summary>Waits for <paramref name="barrier"/> before going on (cancellation still ends the wait).</summary>
    public ScriptedResponse WaitFor(Task barrier) => Add(new ScriptStep.WaitStep(barrier));

    /// <summary>Completes <paramref name="barrier"/> when reached, so a test knows the call got this far.</summary>
    public ScriptedResponse Signal(TaskCompletionSource barrier) => Add(new ScriptStep.SignalStep(barrier));

    private ScriptedResponse Add(ScriptStep step)
    {
        _steps.Add(step);
        return this;
    }
}
