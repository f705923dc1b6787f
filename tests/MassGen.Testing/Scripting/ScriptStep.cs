using Microsoft.Extensions.AI;

namespace MassGen.Testing.Scripting;

/// <summary>One step of a scripted response.</summary>
internal abstract record ScriptStep
{
    internal sealed record TextStep(string Text) : ScriptStep;

    internal sealed record ReasoningStep(string Text) : ScriptStep;

    internal sealed record CallStep(string ToolName, Func<RecordedRequest, string> ArgumentsJson) : ScriptStep;

    internal sealed record UsageStep(UsageDetails Details) : ScriptStep;

    internal sealed record DelayStep(TimeSpan Delay) : ScriptStep;

    internal sealed record ThrowStep(Exception Exception) : ScriptStep;

    internal sealed record HangStep : ScriptStep;

    internal sealed record WaitStep(Task Barrier) : ScriptStep;

    internal sealed record SignalStep(TaskCompletionSource Barrier) : ScriptStep;
}
