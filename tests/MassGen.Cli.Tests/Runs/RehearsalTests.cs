using MassGen.Cli.Runs;
using MassGen.Cli.Runs.Wire;
using MassGen.Core.Results;
using MassGen.Providers;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Runs;

/// <summary>The background rehearsal goes through the phases a real run compiles late: answers, votes, presentation.</summary>
public sealed class RehearsalTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScriptedTwoAgentTeam_ReachesConsensusAndPresents()
    {
        var result = await Rehearsal.RunAsync();

        Assert.NotNull(result);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Contains(result.WinnerId, new[] { "rehearsal1", "rehearsal2" });
        Assert.Equal("The answer is 42.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartOnce_ABackendThatFails_TheRehearsalEndsQuietlyAndRunsOncePerProcess()
    {
        var keyless = new RehearsalBackend(new BackendSettings("claude") { Model = "claude-sonnet-4-5" }, new Dictionary<string, string?>());

        var rehearsal = Rehearsal.StartOnce([keyless]);

        Assert.NotNull(rehearsal);
        await rehearsal;
        Assert.True(rehearsal.IsCompletedSuccessfully);
        Assert.Null(Rehearsal.StartOnce([keyless]));
    }
}
