using System.ComponentModel;
using MassGen.Tools.Permissions;
using MassGen.Tools.WorkspaceTools;
using Microsoft.Extensions.AI;

namespace MassGen.Tools.Commands;

/// <summary>
/// <c>execute_command(command, timeout_seconds, work_dir)</c>: runs a shell command line in the agent's workspace (or
/// another folder it may read), after <see cref="CommandPolicy"/> allowed it.
/// </summary>
internal sealed class CommandTool(AccessPolicy access, CommandPolicy policy, CommandRunner runner, IAgentEnvironmentState state, TimeSpan defaultTimeout, TimeSpan maxTimeout, string isolation)
{
    public AIFunction Create() =>
        AIFunctionFactory.Create(ExecuteAsync, new AIFunctionFactoryOptions
        {
            Name = "execute_command",
            Description = "Runs a shell command line (sh -c) in your workspace, or in work_dir (a folder you may read, e.g. a shared reference folder). Standard input is empty. Returns the exit code and the output (long output is truncated). The command and everything it starts are killed at the time limit.",
            ExcludeResultSchema = true,
            MarshalResult = static (result, _, _) => new ValueTask<object?>(result),
        });

    private async Task<object> ExecuteAsync(
        [Description("The command line, e.g. 'python3 solve.py'.")] string command,
        [Description("Time limit in seconds; the default applies when 0.")] int timeout_seconds = 0,
        [Description("Folder to run in; your workspace when empty.")] string work_dir = "",
        AIFunctionArguments? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var scope = ToolCallScope.From("execute_command", arguments ?? [], state);
        var folder = access.Decide(string.IsNullOrWhiteSpace(work_dir) ? access.BaseDirectory : work_dir, FileAccessKind.Read, scope.IsFinalPresentation);
        if (!folder.Allowed)
        {
            return scope.Refuse($"work_dir: {folder.Reason}");
        }

        if (!Directory.Exists(folder.ResolvedPath))
        {
            throw new ToolCallFailedException($"work_dir '{work_dir}' is not an existing folder.");
        }

        var reason = policy.Check(command, folder.ResolvedPath, scope.IsFinalPresentation);
        if (reason is not null)
        {
            return scope.Refuse(reason);
        }

        var timeout = timeout_seconds <= 0 ? defaultTimeout : TimeSpan.FromSeconds(timeout_seconds);
        if (timeout > maxTimeout)
        {
            timeout = maxTimeout;
        }

        scope.Allowed($"run `{command}` in {folder.ResolvedPath} ({isolation})");
        var result = await runner.RunAsync(command, folder.ResolvedPath, timeout, scope.IsFinalPresentation, cancellationToken);
        return result.ToModelText(timeout);
    }
}
