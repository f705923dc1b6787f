using Microsoft.Extensions.AI;

namespace MassGen.Tools.WorkspaceTools;

/// <summary>
/// Brings the shared folder up to date before a file tool or command runs. With the <c>inject</c> policy a turn
/// learns about a peer's new answer in the middle of the turn; without this, that answer's <c>agentK/</c> folder
/// would only appear in the viewer's next turn.
/// </summary>
internal sealed class SharedRefreshingFunction(AIFunction inner, IAgentEnvironmentState state) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        await state.RefreshSharedIfStaleAsync(cancellationToken);
        return await base.InvokeCoreAsync(arguments, cancellationToken);
    }
}
