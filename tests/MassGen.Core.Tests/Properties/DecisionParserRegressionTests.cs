using System.Text.Json;
using MassGen.Core.Coordination.Internal;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Properties;

/// <summary>Inputs the decision parser properties found crashing, kept as examples.</summary>
public sealed class DecisionParserRegressionTests
{
    [Fact]
    public void FromCall_LoneSurrogateInArgument_IsAProblem()
    {
        var call = FunctionCallContent.CreateFromParsedArguments("""{"agent_id": "\ud800"}""", "call_1", "vote",
            text => JsonSerializer.Deserialize<Dictionary<string, object?>>(text));

        var decision = DecisionParser.FromCall(call, DecisionKind.Vote);

        Assert.Equal("'agent_id' is not valid text (a lone surrogate escape such as \\ud800)", decision.Problem);
    }

    [Fact]
    public void FromText_LoneSurrogateAsAction_IsAnUnknownAction()
    {
        var decision = Assert.Single(DecisionParser.FromText("""I decide {"action": "\udc00"}"""));

        Assert.Equal("unknown action '' (use new_answer or vote)", decision.Problem);
    }
}
