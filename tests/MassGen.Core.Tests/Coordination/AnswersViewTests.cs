using MassGen.Core.Agents;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Events;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

/// <summary>
/// The answers snapshot that turns read on their own tasks: it must not see later changes of the loop's state, and
/// each viewer's block must keep its seeded order and rewriting.
/// </summary>
public sealed class AnswersViewTests
{
    private static readonly DateTimeOffset s_acceptedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Block_AnswerChangesAfterCapture_ShowsTheCapturedAnswer()
    {
        var agents = Team(3);
        Give(agents[0], "First draft.", revision: 1);
        var view = Capture(agents, revision: 1, shuffle: false);

        Give(agents[0], "Second draft.", revision: 2);
        Give(agents[1], "Another answer.", revision: 3);
        var block = view.Block(agents[2], markOwn: true, _ => Assert.Fail("no notice expected"));

        Assert.Contains("First draft.", block, StringComparison.Ordinal);
        Assert.DoesNotContain("Second draft.", block, StringComparison.Ordinal);
        Assert.DoesNotContain("Another answer.", block, StringComparison.Ordinal);
        Assert.Equal([agents[0].Label], view.VoteLabels);
        Assert.Equal([agents[0].Id], view.Preparation.AgentIdsWithAnswers);
    }

    [Fact]
    public void Block_ShuffledViewers_EachGetsItsSeededOrderAndOwnMark()
    {
        var agents = Team(4);
        foreach (var agent in agents)
        {
            Give(agent, $"Answer of {agent.Label}.", revision: 4);
        }

        var view = Capture(agents, revision: 4, shuffle: true);
        foreach (var viewer in agents)
        {
            var expected = agents.OrderBy(a => a.Label, StringComparer.Ordinal).Select(a => a.Label).ToArray();
            LabelAssignment.ShuffleForViewer(expected, 11, viewer.Index, 4);
            var block = view.Block(viewer, markOwn: true, _ => Assert.Fail("no notice expected"));

            var positions = expected.Select(label => block.IndexOf($"<{label}>", StringComparison.Ordinal)).ToArray();
            Assert.All(positions, p => Assert.True(p >= 0));
            Assert.Equal(positions.Order(), positions);
            Assert.Contains($"<{viewer.Label}>\n(your own answer)\n", block, StringComparison.Ordinal);
            Assert.Equal(1, block.Split("(your own answer)").Length - 1);
        }
    }

    [Fact]
    public void Block_RewriteThrows_AnswerShownUnchangedAndNoticeReported()
    {
        var agents = Team(2, viewerEnvironment: new FaultyEnvironment());
        Give(agents[0], "  Peer answer.  ", revision: 1);
        var view = Capture(agents, revision: 1, shuffle: false);
        var notices = new List<CoordinationEvent>();

        var block = view.Block(agents[1], markOwn: false, notices.Add);

        Assert.Contains($"<{agents[0].Label}>\nPeer answer.\n</{agents[0].Label}>", block, StringComparison.Ordinal);
        var notice = Assert.IsType<ToolNotice>(Assert.Single(notices));
        Assert.Equal(agents[1].Id, notice.AgentId);
        Assert.Contains("rewrite failed", notice.Message, StringComparison.Ordinal);
    }

    private static AgentState[] Team(int count, IAgentEnvironment? viewerEnvironment = null)
    {
        var labels = LabelAssignment.Assign(count, 11);
        return
        [
            .. Enumerable.Range(0, count).Select(i =>
            {
                var definition = new AgentDefinition($"agent-id-{i}", new ScriptedChatClient($"agent-id-{i}"))
                {
                    Environment = i == count - 1 ? viewerEnvironment : null,
                };
                return new AgentState(definition, i, labels[i]);
            }),
        ];
    }

    private static void Give(AgentState agent, string content, int revision) =>
        agent.Answer = new CurrentAnswer(content, content.Trim(), revision, 1, s_acceptedAt);

    private static AnswersView Capture(AgentState[] agents, int revision, bool shuffle) =>
        AnswersView.Capture(agents, revision, 11, shuffle, agents.ToDictionary(a => a.Id, a => a.Label, StringComparer.Ordinal));
}
