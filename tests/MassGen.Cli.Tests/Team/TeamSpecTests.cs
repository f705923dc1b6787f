using CsCheck;
using MassGen.Cli.Team;
using YamlDotNet.RepresentationModel;

namespace MassGen.Cli.Tests.Team;

public sealed class TeamSpecTests
{
    [Fact]
    public void ToYaml_AnyText_ReadsBackAsTheSameValuesInOneDocument()
    {
        Gen.Select(Gen.String, Gen.String, Gen.String, Gen.String, Gen.String).Sample((id, model, system, url, description) =>
        {
            var team = new TeamSpec([new AgentSpec(id, "openai", model) { SystemMessage = system, BaseUrl = url }], description);

            var stream = new YamlStream();
            stream.Load(new StringReader(team.ToYaml()));

            var root = (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
            Assert.Equal(["agents"], root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
            var agent = (YamlMappingNode)Assert.Single((YamlSequenceNode)root["agents"]);
            var backend = (YamlMappingNode)agent["backend"];
            Assert.Equal(id, ((YamlScalarNode)agent["id"]).Value);
            Assert.Equal(system, ((YamlScalarNode)agent["system_message"]).Value);
            Assert.Equal(model, ((YamlScalarNode)backend["model"]).Value);
            Assert.Equal(url, ((YamlScalarNode)backend["base_url"]).Value);
        }, iter: 2_000);
    }

    [Fact]
    public void ToYaml_DescriptionWithLineBreaks_StaysOneCommentLine()
    {
        var team = new TeamSpec([new AgentSpec("a", "openai", "m")], "one\r\ntwo\nthree\u2028four\u0085five");

        var firstLine = team.ToYaml().Split('\n')[0];

        Assert.Equal("# one  two three four five", firstLine);
    }
}
