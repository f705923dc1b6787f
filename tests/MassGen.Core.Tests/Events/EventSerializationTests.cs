using System.Text.Json;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Tests.Coordination;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Events;

public sealed class EventSerializationTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_EveryEvent_RoundTripsThroughJsonWithTypeDiscriminator()
    {
        var run = new CoordinationHarness(2);
        run.AdvanceThroughBackoffs();
        var aAccepted = run.AnswerAccepted(0);
        var l0 = run.Labels[0];
        run.Team.Script(run.Id(0), Script.Respond().Reasoning("hmm").Text("Thinking.").NewAnswer("Four.").Usage(5, 5, costNanoUsd: 10), Script.VoteFor(l0), Script.Say("Four, finally."));
        run.Team.Script(run.Id(1), Script.Respond().Throw(), Script.Respond().WaitFor(aAccepted).Vote(l0), Script.VoteFor(l0));

        await run.RunAsync(new OrchestratorOptions());

        run.AssertWellFormed();
        foreach (var coordinationEvent in run.Events)
        {
            var json = JsonSerializer.Serialize(coordinationEvent, JsonSerializerOptions.Web);
            var back = JsonSerializer.Deserialize<CoordinationEvent>(json, JsonSerializerOptions.Web);

            Assert.NotNull(back);
            Assert.Equal(coordinationEvent.GetType(), back.GetType());
            Assert.Equal(coordinationEvent.Sequence, back.Sequence);
            Assert.StartsWith("{\"type\":", json, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(coordinationEvent.ToString()));
        }

        var finished = JsonSerializer.Deserialize<CoordinationEvent>(JsonSerializer.Serialize<CoordinationEvent>(run.Events[^1], JsonSerializerOptions.Web), JsonSerializerOptions.Web);
        Assert.Equal("Four, finally.", Assert.IsType<RunFinished>(finished).Result.FinalAnswer);
    }
}
