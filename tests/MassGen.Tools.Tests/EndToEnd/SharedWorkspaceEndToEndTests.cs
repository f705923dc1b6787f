using System.Text.RegularExpressions;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.EndToEnd;

/// <summary>
/// The study group sharing work, not just words: scripted agents with real workspaces, real files and real child
/// processes, coordinated by the real orchestrator.
/// </summary>
public sealed partial class SharedWorkspaceEndToEndTests
{
    private const string OriginalSolution = "print(sum(range(10)))\n";

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PeerRunsAndImprovesSharedFile_PresenterWritesContextPath()
    {
        // Arrange: two agents with workspaces, the command line and a `write` context path (the user's project).
        await using var fixture = new HubFixture();
        var project = fixture.Root.Combine("project");
        Directory.CreateDirectory(project);
        var team = ScriptedTeam.Create(2);
        var (authorId, improverId) = (team.Ids[0], team.Ids[1]);
        var settings = new AgentToolSettings { Cwd = "workspace", EnableCommandLine = true, ContextPaths = [new ContextPathSettings(project, ContextPathAccess.Write)] };
        var author = fixture.Hub.CreateEnvironment(authorId, settings);
        var improver = fixture.Hub.CreateEnvironment(improverId, settings);
        team.Configure(authorId, a => a with { Environment = author }).Configure(improverId, a => a with { Environment = improver });

        var improverStarted = new TaskCompletionSource();
        var authorWaiting = new TaskCompletionSource();
        var authorFile = Path.Join(author.WorkspacePath, "solve.py");

        // The author writes solve.py and answers with its absolute path; then waits (cancelled by the next answer)
        // and finally votes for the improved answer.
        team.Script(
            authorId,
            Script.Respond().WaitFor(improverStarted.Task).Call("write_file", new { path = "solve.py", content = OriginalSolution })
                .NewAnswer($"My solution is {authorFile}; it prints 45."),
            Script.Respond().Signal(authorWaiting).HangUntilCancelled(),
            Script.Respond().Vote(r => LabelOfAnswer(r, "Improved"), "it fixes the off-by-one"));

        // The improver's first turn is cancelled by the author's answer. In its next turn it finds the file in its
        // shared folder under the author's label, runs it, tries to write the project (refused), copies and improves
        // the file in its own workspace, runs the copy and answers; then votes for itself and presents.
        team.Script(
            improverId,
            Script.Respond().Signal(improverStarted).HangUntilCancelled(),
            Script.Respond().WaitFor(authorWaiting.Task).Call("execute_command", r => new { command = $"python3 {SharedSolution(r)}" }),
            Script.Respond()
                .Call("copy_path", r => new { source = SharedSolution(r), destination = "solve.py" })
                .Call("write_file", new { path = Path.Join(project, "early.txt"), content = "too early" }),
            Script.Respond()
                .Call("edit_file", new { path = "solve.py", oldText = "range(10)", newText = "range(11)" })
                .Call("execute_command", new { command = "python3 solve.py" }),
            Script.Answer($"Improved: {Path.Join(improver.WorkspacePath, "solve.py")} sums 0..10 and prints 55."),
            Script.Respond().Vote(r => LabelOfAnswer(r, "Improved")),
            Script.Respond().Call("execute_command", new { command = $"cp solve.py {project}/solve.py && python3 solve.py > {project}/result.txt" }),
            Script.Say("The improved solve.py and its result are in the project."));

        var orchestrator = new Orchestrator(team.Agents, new OrchestratorOptions { OnNewAnswer = NewAnswerPolicy.Restart, Seed = 11 });

        // Act
        var events = new List<CoordinationEvent>();
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("Write a program that prints the sum of 0..10.")))
        {
            events.Add(coordinationEvent);
        }

        // Assert: the improver ran the author's copy, then its own improved copy.
        var result = events.OfType<RunFinished>().Single().Result;
        Assert.Equal(improverId, result.WinnerId);
        var improverTools = events.OfType<ToolCallFinished>().Where(e => e.AgentId == improverId).ToList();
        var runs = improverTools.Where(e => e.ToolName == "execute_command").ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(ToolCallOutcome.Succeeded, r.Outcome));
        Assert.Contains("exit code: 0", runs[0].ResultPreview);
        Assert.Contains("45", runs[0].ResultPreview);
        Assert.Contains("55", runs[1].ResultPreview);

        // The project was refused during coordination and written by the presenter.
        Assert.Equal(ToolCallOutcome.Refused, improverTools.Single(e => e.ToolName == "write_file").Outcome);
        Assert.Contains(events.OfType<ToolNotice>(), n => n.AgentId == improverId && n.Source == "permissions");
        Assert.False(File.Exists(Path.Join(project, "early.txt")));
        Assert.Equal("55\n", await File.ReadAllTextAsync(Path.Join(project, "result.txt")));
        Assert.Contains("range(11)", await File.ReadAllTextAsync(Path.Join(project, "solve.py")));
        Assert.Equal(improver.WorkspacePath, fixture.Hub.FinalPresenterWorkspace);

        // The author's workspace is unchanged: one file, as written.
        Assert.Equal([authorFile], Directory.GetFiles(author.WorkspacePath!, "*", SearchOption.AllDirectories));
        Assert.Equal(OriginalSolution, await File.ReadAllTextAsync(authorFile));

        // The improver saw the author's file under its label in its shared folder, and no model saw a real id.
        var authorLabel = events.OfType<AnswerAccepted>().First(a => a.AgentId == authorId).Label;
        Assert.Contains(Path.Join(improver.SharedFolderPath, authorLabel, "solve.py"), team[improverId].Requests[1].UserText);
        Assert.DoesNotContain(author.WorkspacePath!, team[improverId].Requests[1].UserText);
        Assert.Empty(team.FindLeakedIds());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_InjectPolicy_PeerAnswerDuringTurn_FileAvailableInSameTurn()
    {
        // Arrange: the default inject policy. The improver's only coordination turn starts before anyone answered;
        // the author answers while it runs, and its next tool call must already find the author's file.
        await using var fixture = new HubFixture();
        var team = ScriptedTeam.Create(2);
        var (authorId, improverId) = (team.Ids[0], team.Ids[1]);
        var settings = new AgentToolSettings { Cwd = "workspace", EnableCommandLine = true };
        var author = fixture.Hub.CreateEnvironment(authorId, settings);
        var improver = fixture.Hub.CreateEnvironment(improverId, settings);
        team.Configure(authorId, a => a with { Environment = author }).Configure(improverId, a => a with { Environment = improver });
        var authorAnswered = new TaskCompletionSource();
        var improverAnswered = new TaskCompletionSource();

        team.Script(
            authorId,
            Script.Respond().Call("write_file", new { path = "solve.py", content = OriginalSolution })
                .NewAnswer($"My solution is {Path.Join(author.WorkspacePath, "solve.py")}; it prints 45."),
            Script.Respond().Signal(authorAnswered).WaitFor(improverAnswered.Task).Call("list_directory", new { path = "." }),
            Script.Respond().Vote(r => LabelOfAnswer(r, "Improved")));
        team.Script(
            improverId,
            Script.Respond().WaitFor(authorAnswered.Task).Call("list_directory", new { path = improver.SharedFolderPath, depth = 2 }),
            Script.Respond().Call("execute_command", r => new { command = $"python3 {SharedSolution(r)}" }),
            Script.Answer("Improved: same program, verified to print 45."),
            Script.Respond().Signal(improverAnswered).Vote(r => LabelOfAnswer(r, "Improved")),
            Script.Say("It prints 45."));
        // The author's second turn starts while the improver has not answered yet (the script needs that order), so
        // voting is not deferred until every first answer is in.
        var orchestrator = new Orchestrator(team.Agents, new OrchestratorOptions { Seed = 5, DeferVotingUntilAllAnswered = false });

        // Act
        var events = new List<CoordinationEvent>();
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("Sum 0..9.")))
        {
            events.Add(coordinationEvent);
        }

        // Assert: the listing in the improver's first turn shows the author's folder, with the update riding on it,
        // and the command in the same turn ran the author's file.
        var authorLabel = events.OfType<AnswerAccepted>().First(a => a.AgentId == authorId).Label;
        var improverCalls = events.OfType<ToolCallFinished>().Where(e => e.AgentId == improverId).ToList();
        Assert.Equal(1, improverCalls[0].TurnNumber);
        Assert.Contains($"{authorLabel}/solve.py", improverCalls[0].ResultPreview);
        Assert.True(improverCalls[0].UpdateInjected);
        Assert.Equal(1, improverCalls[1].TurnNumber);
        Assert.Contains("45", improverCalls[1].ResultPreview);
        Assert.Equal(improverId, events.OfType<RunFinished>().Single().Result.WinnerId);
        Assert.Empty(team.FindLeakedIds());
    }

    private static string SharedSolution(RecordedRequest request) =>
        SharedSolutionPath().Match(request.UserText + "\n" + string.Join("\n", request.FunctionResults)) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException("No shared solve.py path in the answers this agent saw:\n" + request.UserText);

    private static string LabelOfAnswer(RecordedRequest request, string startsWith) =>
        Regex.Match(request.UserText, $@"<(agent\d+)>\s*{Regex.Escape(startsWith)}") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No answer starting '{startsWith}' in:\n" + request.UserText);

    [GeneratedRegex(@"/\S+/agent\d+/solve\.py")]
    private static partial Regex SharedSolutionPath();
}
