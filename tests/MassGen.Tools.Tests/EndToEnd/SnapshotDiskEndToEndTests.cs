using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.EndToEnd;

/// <summary>
/// Disk used by a three-agent run with a 100 MiB file in one workspace: the workspace and one snapshot, never a copy
/// per viewer; the peers read the snapshot in place and cannot change it.
/// </summary>
public sealed class SnapshotDiskEndToEndTests
{
    private const long FileBytes = 100L << 20;

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ThreeAgentsHundredMegabyteFile_TwoCopiesOnDiskSnapshotUnchangeable()
    {
        await using var fixture = new HubFixture();
        var team = ScriptedTeam.Create(3);
        var (ownerId, viewerA, viewerB) = (team.Ids[0], team.Ids[1], team.Ids[2]);
        var settings = new AgentToolSettings { Cwd = "workspace", EnableCommandLine = true };
        var sharedFolders = new Dictionary<string, string>();
        foreach (var id in team.Ids)
        {
            var environment = fixture.Hub.CreateEnvironment(id, settings);
            sharedFolders[id] = environment.SharedFolderPath!;
            team.Configure(id, a => a with { Environment = environment });
        }

        // Real bytes (random, so nothing on the way can compress or deduplicate them), written by a sandboxed command.
        team.Script(
            ownerId,
            Script.Respond().Call("execute_command", new { command = $"head -c {FileBytes} /dev/urandom > big.bin" }),
            Script.Answer("The data is in big.bin."),
            Script.Respond().Vote(r => LabelOfAnswer(r, "The data"), "mine"),
            Script.Say("big.bin"));
        foreach (var viewer in new[] { viewerA, viewerB })
        {
            var shared = sharedFolders[viewer];

            // Each peer reads the file through its shared folder, then tries to change it: appending, truncating,
            // deleting and moving it from a script the text check cannot read (so the sandbox alone stops it), and
            // through write_file.
            var tamper = $"for f in {shared}/*/big.bin; do echo tamper >> \"$f\"; truncate -s 0 \"$f\"; rm -f \"$f\"; mv \"$f\" /tmp/x; done";
            team.Script(
                viewer,
                Script.Respond().HangUntilCancelled(),
                Script.Respond()
                    .Call("execute_command", new { command = $"wc -c {shared}/*/big.bin" })
                    .Call("execute_command", new { command = $"echo {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(tamper))} | base64 -d > t.sh; sh t.sh; echo done" })
                    .Call("write_file", r => new { path = $"{shared}/{LabelOfAnswer(r, "The data")}/big.bin", content = "x" }),
                Script.Respond().Vote(r => LabelOfAnswer(r, "The data"), "it has the data"));
        }

        var events = new List<CoordinationEvent>();
        await foreach (var coordinationEvent in new Orchestrator(team.Agents, new OrchestratorOptions { OnNewAnswer = NewAnswerPolicy.Restart, Seed = 7, DeferVotingUntilAllAnswered = false })
            .RunAsync(new CoordinationRequest("Make 100 MiB of data.")))
        {
            events.Add(coordinationEvent);
        }

        Assert.Equal(ownerId, events.OfType<RunFinished>().Single().Result.WinnerId);
        var workspaceFile = Path.Join(fixture.Hub.GetWorkspacePath(ownerId), "big.bin");
        var snapshotFile = Path.Join(fixture.Hub.GetSnapshotPath(ownerId), "big.bin");

        // The peers saw the whole file; every change they tried failed; the snapshot is the workspace's bytes.
        foreach (var viewer in new[] { viewerA, viewerB })
        {
            var results = team[viewer].Requests[2].FunctionResults;
            Assert.Contains($"{FileBytes} ", results[0], StringComparison.Ordinal);
            Assert.Contains("Read-only file system", results[1], StringComparison.Ordinal);
            Assert.StartsWith("Refused (write_file):", results[2], StringComparison.Ordinal);
        }

        Assert.Equal(FileBytes, new FileInfo(snapshotFile).Length);
        Assert.Equal(await HashAsync(workspaceFile), await HashAsync(snapshotFile));

        // Exactly two copies on disk: the workspace's and the one snapshot; the viewers' shared folders hold links.
        Assert.Equal(2, DiskUsage.RegularFiles(fixture.Hub.RunDirectory, "big.bin").Count);
        var allocated = await DiskUsage.AllocatedBytesAsync(fixture.Hub.RunDirectory);
        Assert.InRange(allocated, 2 * FileBytes, (2 * FileBytes) + (4L << 20));
    }

    private static async Task<string> HashAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream));
    }

    private static string LabelOfAnswer(RecordedRequest request, string startsWith) =>
        Regex.Match(request.UserText, $@"<(agent\d+)>\s*{Regex.Escape(startsWith)}") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No answer starting '{startsWith}' in:\n" + request.UserText);
}
