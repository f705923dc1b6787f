using MassGen.Core.Text;

namespace MassGen.Core.Tests.Text;

public sealed class SecretNamesTests
{
    [Theory]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("api_key")]
    [InlineData("db_password")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("X-Api-Key")]
    [InlineData("Authorization")]
    [InlineData("session_cookie")]
    public void IsSecret_CredentialNames_Recognised(string name) => Assert.True(SecretNames.IsSecret(name));

    [Theory]
    [InlineData("PATH")]
    [InlineData("max_tokens")]
    [InlineData("max_output_tokens")]
    [InlineData("model")]
    public void IsSecret_SettingsAndTokenCounts_NotSecret(string name) => Assert.False(SecretNames.IsSecret(name));
}
