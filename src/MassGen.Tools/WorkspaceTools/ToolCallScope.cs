using MassGen.Core.Agents;
using MassGen.Tools.Permissions;
using Microsoft.Extensions.AI;

namespace MassGen.Tools.WorkspaceTools;

/// <summary>
/// What one tool call knows about its caller: the <see cref="ToolInvocationContext"/> the orchestrator put into the
/// arguments (or the environment's own state when a tool is called directly), and how to refuse.
/// </summary>
internal readonly struct ToolCallScope(string toolName, ToolInvocationContext? context, IToolEventReporter reporter, bool isFinalPresentation)
{
    public bool IsFinalPresentation => context?.IsFinalPresentation ?? isFinalPresentation;

    public static ToolCallScope From(string toolName, AIFunctionArguments arguments, IAgentEnvironmentState state)
    {
        ToolInvocationContext? context = null;
        if (arguments.Context is { } bag && bag.TryGetValue(typeof(ToolInvocationContext), out var value))
        {
            context = value as ToolInvocationContext;
        }

        return new ToolCallScope(toolName, context, context?.Reporter ?? state.Reporter, state.IsFinalPresentation);
    }

    /// <summary>Reports the refusal (an audit trail in the run log) and returns the result the model sees.</summary>
    public ToolRefusal Refuse(string reason)
    {
        var message = $"Refused ({toolName}): {reason}";
        reporter.Report("permissions", ToolNoticeSeverity.Warning, message);
        return new ToolRefusal(message);
    }

    public ToolRefusal Refuse(AccessDecision decision) => Refuse(decision.Reason ?? "not allowed.");

    /// <summary>Reports an allowed change (a write, a delete, a command run) for the audit trail in the run log.</summary>
    public void Allowed(string what) =>
        reporter.Report("permissions", ToolNoticeSeverity.Information, $"Allowed ({toolName}): {what}");
}
