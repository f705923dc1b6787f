namespace MassGen.Evaluation.Eval;

/// <summary>
/// Makes an eval's model call where it was sent (a node of a cluster), with that node's own copy of the team: the
/// same calls an eval makes in its own process.
/// </summary>
public static class EvalCallHost
{
    /// <summary>
    /// Runs <paramref name="call"/> (an <see cref="EvalCallSender"/>'s JSON) with <paramref name="team"/>; its outcome as
    /// JSON, the call's failure included. Cancelling abandons the call (it throws): whoever sent it sends it again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The team is not the eval's (another config), or lacks the member asked.</exception>
    public static async Task<string> RunAsync(EvalTeam team, string call, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var request = EvalCall.Read(call);
        var mine = team.ConfigSha256();
        if (!string.Equals(mine, request.ConfigSha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"this node's config of the team differs from the eval's (SHA-256 {Short(mine)}, the eval's {Short(request.ConfigSha256)}): every node must serve the same config under the same name.");
        }

        var calls = new ArmCalls(team, timeProvider);
        try
        {
            if (request.Kind == EvalCall.TeamKind)
            {
                return new EvalCallOutcome(null, null, await calls.CoordinateAsync(request.Prompt, (int)request.Seed, cancellationToken).ConfigureAwait(false), null, null).ToJson();
            }

            var agent = team.Agents.FirstOrDefault(a => a.Id == request.Agent)
                ?? throw new InvalidOperationException($"this node's team has no member '{request.Agent}' (it has {string.Join(", ", team.Agents.Select(a => a.Id))}).");
            var (response, usage) = await calls.AskAsync(agent, request.Prompt, request.Seed, cancellationToken).ConfigureAwait(false);
            return new EvalCallOutcome(response, usage, null, null, null).ToJson();
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            // The call's own failure is the unit's outcome, recorded by the eval as it records a local one.
            return new EvalCallOutcome(null, null, null, failure.GetType().Name, failure.Message).ToJson();
        }
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
