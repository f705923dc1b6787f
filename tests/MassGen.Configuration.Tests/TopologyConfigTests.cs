using MassGen.Core.Coordination;

namespace MassGen.Configuration.Tests;

public sealed class TopologyConfigTests
{
    [Fact]
    public void LoadText_IslandsWithGroupSize_ReachesTheOrchestratorOptions()
    {
        var result = ConfigTestHelper.Load("""
            agents: [ { backend: { type: openai } } ]
            orchestrator: { topology: islands, group_size: 5 }
            """);

        Assert.Empty(ConfigTestHelper.Lines(result));
        var options = result.Config!.ToOrchestratorOptions();
        Assert.Equal(TeamTopology.Islands, options.Topology);
        Assert.Equal(5, options.GroupSize);
    }

    [Fact]
    public void LoadText_NoTopology_DefaultsToAllWithGroupsOfFour()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: openai } } ]");

        var options = result.Config!.ToOrchestratorOptions();
        Assert.Equal(TeamTopology.All, options.Topology);
        Assert.Equal(4, options.GroupSize);
    }

    [Fact]
    public void LoadText_UnknownTopology_ListsTheValidValues()
    {
        var result = ConfigTestHelper.Load("""
            agents: [ { backend: { type: openai } } ]
            orchestrator: { topology: islnds }
            """);

        Assert.Equal(["orchestrator.topology (line 2): must be one of all, islands, tournament; got 'islnds' (did you mean 'islands'?)"], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_GroupSizeOfOne_IsAnError()
    {
        var result = ConfigTestHelper.Load("""
            agents: [ { backend: { type: openai } } ]
            orchestrator: { topology: tournament, group_size: 1 }
            """);

        Assert.Equal(["orchestrator.group_size (line 2): must be between 2 and 1000; got 1"], ConfigTestHelper.ErrorLines(result));
    }

    [Fact]
    public void LoadText_GroupSizeWithoutATopology_WarnsThatItIsIgnored()
    {
        var result = ConfigTestHelper.Load("""
            agents: [ { backend: { type: openai } } ]
            orchestrator: { group_size: 3 }
            """);

        var warning = Assert.Single(ConfigTestHelper.Lines(result));
        Assert.Contains("orchestrator.group_size (line 2): is ignored", warning, StringComparison.Ordinal);
        Assert.False(result.Report.HasErrors);
    }
}
