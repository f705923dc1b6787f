using MassGen.Cli.Diagnostics;
using MassGen.Core.Events;

namespace MassGen.Cli.Tests.Logging;

/// <summary>MASSGEN_TIMELINE: off unless set, one line per milestone, the first event of each kind.</summary>
public sealed class RunTimelineTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    public void FromEnvironment_UnsetEmptyOrZero_IsOff(string? value)
    {
        var variables = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [RunTimeline.Variable] = value };

        Assert.Null(RunTimeline.FromEnvironment(variables, TextWriter.Null));
    }

    [Fact]
    public void Observe_TurnsAndEvents_MarksTheFirstOfEachKindAndTheRunsEnd()
    {
        using var error = new StringWriter();
        var timeline = RunTimeline.FromEnvironment(new Dictionary<string, string> { [RunTimeline.Variable] = "1" }, error)!;

        timeline.Mark("main");
        timeline.Observe(new TurnStarted("a", "agent1", 1, 0, TurnKind.Coordination, true));
        timeline.Observe(new TurnStarted("b", "agent2", 1, 0, TurnKind.Coordination, true));
        timeline.Observe(new TurnStarted("a", "agent1", 2, 1, TurnKind.Coordination, false));
        timeline.Observe(new TextDelta("a", 2, "x"));
        timeline.Observe(new TextDelta("b", 2, "y"));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^timeline +\d+ ms  .+ jit +\d+ methods +\d+ ms  cpu +\d+ ms  threads +\d+  gc \d+/\d+/\d+ (workstation|server)\r?$", l));
        Assert.Contains("main", lines[0], StringComparison.Ordinal);
        Assert.Contains("TurnStarted Coordination #1", lines[1], StringComparison.Ordinal);
        Assert.Contains("TurnStarted Coordination #2", lines[2], StringComparison.Ordinal);
        Assert.Contains("TextDelta", lines[3], StringComparison.Ordinal);
    }
}
