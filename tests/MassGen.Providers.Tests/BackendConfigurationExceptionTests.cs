using MassGen.Core.Agents;

namespace MassGen.Providers.Tests;

public sealed class BackendConfigurationExceptionTests
{
    [Fact]
    public void IsPermanent_WrongBackendBlock_TheEngineDoesNotRetry()
    {
        var error = new BackendConfigurationException("critic", []);

        Assert.True(((IPermanentFailure)error).IsPermanent);
        Assert.StartsWith("Agent 'critic'", error.Message);
    }
}
