using MassGen.Core.Agents;
using Microsoft.Extensions.AI;

namespace MassGen.Tools.Tests.Support;

/// <summary>Calls tools the way the orchestrator does: arguments plus a ToolInvocationContext.</summary>
public static class ToolCalls
{
    public static AIFunction Tool(this IAgentEnvironment environment, string name) =>
        environment.GetTools().OfType<AIFunction>().SingleOrDefault(t => t.Name == name)
        ?? throw new InvalidOperationException($"No tool '{name}'; have: {string.Join(", ", environment.GetTools().Select(t => t.Name))}");

    public static async Task<object?> CallAsync(this IAgentEnvironment environment, string tool, IToolEventReporter reporter, bool finalPresentation = false, params (string Key, object? Value)[] arguments)
    {
        var values = new AIFunctionArguments(arguments.ToDictionary(a => a.Key, a => a.Value))
        {
            Context = new Dictionary<object, object?> { [typeof(ToolInvocationContext)] = new ToolInvocationContext("agent-real-id", "agent1", 1, finalPresentation, reporter) },
        };
        return await environment.Tool(tool).InvokeAsync(values);
    }

    public static Task<object?> CallAsync(this IAgentEnvironment environment, string tool, IToolEventReporter reporter, params (string Key, object? Value)[] arguments) =>
        environment.CallAsync(tool, reporter, false, arguments);
}
