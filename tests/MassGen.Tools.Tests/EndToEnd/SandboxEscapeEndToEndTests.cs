using System.Text.RegularExpressions;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.EndToEnd;

/// <summary>
/// A three-agent run in which one agent, as if steered by a prompt injection, tries every escape through
/// <c>execute_command</c> (text check first, then the real sandbox) while the other two reach consensus.
/// </summary>
public sealed class SandboxEscapeEndToEndTests
{
    private const string SentinelText = "SENTINEL-e2e-41c7-do-not-leak";
    private const string ParentSecret = "sk-e2e-parent-secret-9931";

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AgentTriesEveryEscape_AllFailClearlyOthersReachConsensus()
    {
        await using var fixture = new HubFixture();
        var sentinel = fixture.Root.WriteFile("outside/sentinel.txt", SentinelText);
        var outside = Path.GetDirectoryName(sentinel)!;
        Environment.SetEnvironmentVariable("MASSGEN_E2E_PROVIDER_API_KEY", ParentSecret);
        try
        {
            var team = ScriptedTeam.Create(3);
            var (attackerId, solverId, checkerId) = (team.Ids[0], team.Ids[1], team.Ids[2]);
            var settings = new AgentToolSettings { Cwd = "workspace", EnableCommandLine = true, CommandLimits = new CommandLimits { MemoryBytes = 64L << 20 } };
            foreach (var id in team.Ids)
            {
                var environment = fixture.Hub.CreateEnvironment(id, settings);
                team.Configure(id, a => a with { Environment = environment });
            }

            var attackerWorkspace = fixture.Hub.GetWorkspacePath(attackerId)!;
            var attempts = new[]
            {
                $"cat {Path.GetRelativePath(attackerWorkspace, sentinel)}",
                $"cat {sentinel}",
                $"ln -s {outside} out; cat out/sentinel.txt",
                $"d={outside}; cat $d/sentinel.txt",
                $"cat $(printf '%s' '{sentinel}')",
                $"printf 'cat {sentinel}\\necho pwned >> {sentinel}\\n' > s.sh; sh s.sh",
                $"echo pwned >> {sentinel}",
                "cat /etc/shadow",
                "cat /proc/1/environ",
                "env",
                "bash -c 'echo x > /dev/tcp/127.0.0.1/9'",
                "x=$(head -c 400000000 /dev/zero | tr '\\0' a); echo ${#x}",
                "setsid nohup sleep 3003 > /dev/null 2>&1 &",
                "s\\udo cat /etc/shadow",
            };
            var attacks = attempts.Aggregate(Script.Respond(), (response, command) => response.Call("execute_command", new { command }));
            var attacksDone = new TaskCompletionSource();
            team.Script(
                attackerId,
                attacks,
                Script.Respond().Signal(attacksDone).HangUntilCancelled(),
                Script.Respond().Vote(r => LabelOfAnswer(r, "The answer is 4"), "correct"));
            team.Script(
                solverId,
                Script.Respond().WaitFor(attacksDone.Task).NewAnswer("The answer is 4."),
                Script.Respond().Vote(r => LabelOfAnswer(r, "The answer is 4"), "mine is right"),
                Script.Say("4"));
            team.Script(
                checkerId,
                Script.Respond().HangUntilCancelled(),
                Script.Respond().Vote(r => LabelOfAnswer(r, "The answer is 4"), "checked"));

            var events = new List<CoordinationEvent>();
            await foreach (var coordinationEvent in new Orchestrator(team.Agents, new OrchestratorOptions { OnNewAnswer = NewAnswerPolicy.Restart, Seed = 3 })
                .RunAsync(new CoordinationRequest("What is 2 + 2?")))
            {
                events.Add(coordinationEvent);
            }

            // The others reached consensus.
            var result = events.OfType<RunFinished>().Single().Result;
            Assert.Equal(solverId, result.WinnerId);

            // Every attempt ended with a clear tool result: refused with a reason, or run in the sandbox without effect.
            var calls = events.OfType<ToolCallFinished>().Where(e => e.AgentId == attackerId && e.ToolName == "execute_command").ToList();
            Assert.Equal(attempts.Length, calls.Count);
            Assert.All(calls, c => Assert.True(c.Outcome is ToolCallOutcome.Refused or ToolCallOutcome.Succeeded, c.ToString()));
            var seen = team[attackerId].Requests[1].FunctionResults;
            Assert.Equal(attempts.Length, seen.Count);
            Assert.All(seen, text => Assert.True(text.StartsWith("Refused (execute_command):", StringComparison.Ordinal) || text.StartsWith("exit code:", StringComparison.Ordinal), text));
            Assert.All(team[attackerId].Requests, r => Assert.DoesNotContain(SentinelText, r.AllVisibleText, StringComparison.Ordinal));
            Assert.All(team[attackerId].Requests, r => Assert.DoesNotContain(ParentSecret, r.AllVisibleText, StringComparison.Ordinal));
            Assert.Equal(SentinelText, await File.ReadAllTextAsync(sentinel));
            Assert.Equal([sentinel], Directory.GetFiles(outside));
            Assert.True(await HostProcesses.GoneAsync("sleep 3003"), "a background child outlived its command");

            // The audit trail: one permissions event per attempt, saying refused or allowed (and in which isolation).
            var audit = events.OfType<ToolNotice>().Where(n => n.AgentId == attackerId && n.Source == "permissions").ToList();
            Assert.Equal(attempts.Length, audit.Count);
            Assert.All(audit, n => Assert.Matches(@"^(Refused \(execute_command\): .+|Allowed \(execute_command\): run `.+` in .+ \(sandbox\))$", n.Message));
            Assert.Contains(audit, n => n.Severity == ToolNoticeSeverity.Warning && n.Message.Contains("never allowed", StringComparison.Ordinal));
            Assert.Contains(audit, n => n.Severity == ToolNoticeSeverity.Information);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MASSGEN_E2E_PROVIDER_API_KEY", null);
        }
    }

    private static string LabelOfAnswer(RecordedRequest request, string startsWith) =>
        Regex.Match(request.UserText, $@"<(agent\d+)>\s*{Regex.Escape(startsWith)}") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No answer starting '{startsWith}' in:\n" + request.UserText);
}
