using MassGen.Core.Agents;
using MassGen.Testing;
using MassGen.Tools.Tests.Support;
using MassGen.Tools.Workspaces;

namespace MassGen.Tools.Tests.Workspaces;

public sealed class WorkspaceHubTests
{
    private static readonly Dictionary<string, string> s_labels = new() { ["alice"] = "agent2", ["bob"] = "agent1" };

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task BeforeTurn_AfterPeerAnswered_PeerSnapshotUnderItsLabel()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "solve.py"), "print(1)");

        await alice.OnAnswerAcceptedAsync();
        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, ["alice"], false));

        Assert.Equal("print(1)", await File.ReadAllTextAsync(Path.Join(bob.SharedFolderPath, "agent2", "solve.py")));
        Assert.False(Directory.Exists(Path.Join(bob.SharedFolderPath, "agent1")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Snapshot_WorkspaceKeptAndLaterChangesNotVisibleUntilNextAnswer()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        var file = Path.Join(alice.WorkspacePath, "solve.py");
        await File.WriteAllTextAsync(file, "v1");
        await alice.OnAnswerAcceptedAsync();
        await File.WriteAllTextAsync(file, "v2-draft");

        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, ["alice"], false));

        Assert.Equal("v2-draft", await File.ReadAllTextAsync(file));
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Join(bob.SharedFolderPath, "agent2", "solve.py")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Refresh_UnchangedLabels_NothingRedone()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        fixture.Create("bob");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "a.txt"), "a");
        await alice.OnAnswerAcceptedAsync();
        var bobSlot = fixture.Hub.FindSlot("bob")!;
        var preparation = new TurnPreparation(s_labels, ["alice"], false);

        var first = await fixture.Hub.RefreshSharedAsync(bobSlot, preparation, CancellationToken.None);
        var second = await fixture.Hub.RefreshSharedAsync(bobSlot, preparation, CancellationToken.None);
        var resnapshot = await fixture.Hub.SnapshotAsync(fixture.Hub.FindSlot("alice")!, CancellationToken.None);
        var third = await fixture.Hub.RefreshSharedAsync(bobSlot, preparation, CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.False(resnapshot.Changed);
        Assert.Equal(1, fixture.Hub.GetSnapshotVersion("alice"));
        Assert.Equal(0, third);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task BeforeTurn_PeerSnapshot_LinkedNotCopied()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        var carol = fixture.Create("carol");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "data.txt"), "data");
        await alice.OnAnswerAcceptedAsync();
        var labels = new Dictionary<string, string> { ["alice"] = "agent1", ["bob"] = "agent2", ["carol"] = "agent3" };

        await bob.BeforeTurnAsync(new TurnPreparation(labels, ["alice"], false));
        await carol.BeforeTurnAsync(new TurnPreparation(labels, ["alice"], false));

        var snapshot = fixture.Hub.GetSnapshotPath("alice");
        Assert.Equal(snapshot, new DirectoryInfo(Path.Join(bob.SharedFolderPath, "agent1")).LinkTarget);
        Assert.Equal(snapshot, new DirectoryInfo(Path.Join(carol.SharedFolderPath, "agent1")).LinkTarget);
        Assert.Equal(2, DiskUsage.RegularFiles(fixture.Hub.RunDirectory, "data.txt").Count);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Snapshot_ChangedWorkspace_CopiesOnlyChangedFilesViewerSeesItInPlace()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "keep.txt"), "k");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "gone.txt"), "g");
        await alice.OnAnswerAcceptedAsync();
        var preparation = new TurnPreparation(s_labels, ["alice"], false);
        await bob.BeforeTurnAsync(preparation);
        File.Delete(Path.Join(alice.WorkspacePath, "gone.txt"));
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "new.txt"), "n");

        var statistics = await fixture.Hub.SnapshotAsync(fixture.Hub.FindSlot("alice")!, CancellationToken.None);
        await bob.BeforeTurnAsync(preparation);

        Assert.Equal(2, fixture.Hub.GetSnapshotVersion("alice"));
        Assert.Equal(1, statistics.FilesCopied);
        Assert.Equal(1, statistics.FilesUnchanged);
        Assert.Equal(1, statistics.EntriesRemoved);
        Assert.False(File.Exists(Path.Join(bob.SharedFolderPath, "agent2", "gone.txt")));
        Assert.Equal("n", await File.ReadAllTextAsync(Path.Join(bob.SharedFolderPath, "agent2", "new.txt")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteFile_ThroughSharedLabelOrAtSnapshot_RefusedSnapshotUnchanged()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "a.txt"), "v1");
        await alice.OnAnswerAcceptedAsync();
        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, ["alice"], false));
        var snapshotFile = Path.Join(fixture.Hub.GetSnapshotPath("alice"), "a.txt");

        var read = await bob.CallAsync("read_file", fixture.Reporter, ("path", Path.Join(bob.SharedFolderPath, "agent2", "a.txt")));
        var listed = await bob.CallAsync("list_directory", fixture.Reporter, ("path", bob.SharedFolderPath!), ("depth", 2));
        var viaLabel = await bob.CallAsync("write_file", fixture.Reporter, ("path", Path.Join(bob.SharedFolderPath, "agent2", "a.txt")), ("content", "x"));
        var direct = await bob.CallAsync("write_file", fixture.Reporter, ("path", snapshotFile), ("content", "x"));
        var deleted = await bob.CallAsync("delete_path", fixture.Reporter, ("path", Path.Join(bob.SharedFolderPath, "agent2")));

        Assert.Equal("v1", read);
        Assert.Contains("agent2/a.txt", Assert.IsType<string>(listed), StringComparison.Ordinal);
        Assert.All([viaLabel, direct], r => Assert.Contains("read-only view of your peers' work", Assert.IsType<ToolRefusal>(r).Message, StringComparison.Ordinal));
        Assert.IsType<ToolRefusal>(deleted);
        Assert.Equal("v1", await File.ReadAllTextAsync(snapshotFile));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_SnapshotOfPeerNotYetShown_Refused()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "a.txt"), "v1");
        await alice.OnAnswerAcceptedAsync();

        var read = await bob.CallAsync("read_file", fixture.Reporter, ("path", Path.Join(fixture.Hub.GetSnapshotPath("alice"), "a.txt")));

        Assert.IsType<ToolRefusal>(read);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Snapshot_SymlinkInWorkspace_NotCopied()
    {
        await using var fixture = new HubFixture();
        var outside = fixture.Root.WriteFile("secret.txt", "s");
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        File.CreateSymbolicLink(Path.Join(alice.WorkspacePath, "link.txt"), outside);

        var statistics = await fixture.Hub.SnapshotAsync(fixture.Hub.FindSlot("alice")!, CancellationToken.None);
        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, ["alice"], false));

        Assert.Equal(1, statistics.LinksSkipped);
        Assert.False(File.Exists(Path.Join(bob.SharedFolderPath, "agent2", "link.txt")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RewriteAnswerForViewer_AuthorWorkspacePath_BecomesViewerSharedLabelPath()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        var answer = $"Run {Path.Join(alice.WorkspacePath, "solve.py")}; see also {Path.Join(alice.SharedFolderPath, "agent1", "x.py")}.";

        var rewritten = bob.RewriteAnswerForViewer(answer, "alice", "agent2");

        Assert.Equal($"Run {Path.Join(bob.SharedFolderPath, "agent2", "solve.py")}; see also {Path.Join(bob.SharedFolderPath, "agent1", "x.py")}.", rewritten);
        Assert.DoesNotContain("alice", rewritten);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task NormalizeAnswer_OwnWorkspacePaths_ReplacedByMarker()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");

        var normalized = alice.NormalizeAnswer($"see {Path.Join(alice.WorkspacePath, "a.txt")}");

        Assert.Equal($"see {AgentEnvironment.WorkspaceMarker}/a.txt", normalized);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Paths_NeverContainRealAgentIds()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice-the-researcher");

        Assert.DoesNotContain("alice", alice.WorkspacePath!);
        Assert.DoesNotContain("alice", alice.SharedFolderPath!);
        Assert.DoesNotContain("alice", alice.SystemPromptSection!);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task TwoRuns_SameRoot_SeparateFolders()
    {
        using var root = new TempFolder();
        await using var first = new WorkspaceHub(root.Path);
        await using var second = new WorkspaceHub(root.Path);
        var a = first.CreateEnvironment("alice", new Settings.AgentToolSettings { Cwd = "ws" });
        var b = second.CreateEnvironment("alice", new Settings.AgentToolSettings { Cwd = "ws" });

        Assert.NotEqual(first.RunDirectory, second.RunDirectory);
        Assert.NotEqual(a.WorkspacePath, b.WorkspacePath);
        Assert.Throws<ArgumentException>(() => new WorkspaceHub(root.Path, first.RunId));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task BeforeTurn_FinalPresentation_RecordsPresenterWorkspace()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        fixture.Create("bob");

        await alice.BeforeTurnAsync(new TurnPreparation(s_labels, ["alice"], true));

        Assert.Equal("alice", fixture.Hub.FinalPresenterId);
        Assert.Equal(alice.WorkspacePath, fixture.Hub.FinalPresenterWorkspace);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CreateEnvironment_InvalidSettings_ListsEveryProblem()
    {
        await using var fixture = new HubFixture();

        var error = Assert.Throws<ArgumentException>(() => fixture.Create("alice", new Settings.AgentToolSettings
        {
            EnableCommandLine = true,
            BlockedCommands = ["(unclosed"],
        }));

        Assert.Contains("set cwd as well", error.Message);
        Assert.Contains("'(unclosed' is not a valid regular expression", error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task BeforeTurn_AuthorNoLongerAnswering_LabelFolderRemoved()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        await alice.OnAnswerAcceptedAsync();
        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, ["alice"], false));

        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, [], false));

        Assert.False(Directory.Exists(Path.Join(bob.SharedFolderPath, "agent2")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ToolCall_PeerAnsweredDuringTurn_SharedFolderCaughtUp()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, [], false));
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "solve.py"), "print(1)");
        await alice.OnAnswerAcceptedAsync();

        var read = await bob.CallAsync("read_file", fixture.Reporter, ("path", Path.Join(bob.SharedFolderPath, "agent2", "solve.py")));

        Assert.Equal("print(1)", read);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Refresh_EntryPlantedInSharedFolder_ReplacedNotFollowed()
    {
        await using var fixture = new HubFixture();
        var victim = fixture.Root.WriteFile("victim/v.txt", "original");
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        var preparation = new TurnPreparation(s_labels, ["alice"], false);
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "a.txt"), "v1");
        await alice.OnAnswerAcceptedAsync();
        await bob.BeforeTurnAsync(preparation);
        var label = Path.Join(bob.SharedFolderPath, "agent2");
        Directory.Delete(label);
        Directory.CreateSymbolicLink(label, Path.GetDirectoryName(victim)!);
        await File.WriteAllTextAsync(Path.Join(bob.SharedFolderPath, "junk.txt"), "planted");

        await bob.BeforeTurnAsync(preparation);

        Assert.Equal("original", await File.ReadAllTextAsync(victim));
        Assert.Equal(fixture.Hub.GetSnapshotPath("alice"), new DirectoryInfo(label).LinkTarget);
        Assert.Equal(["agent2"], Directory.EnumerateFileSystemEntries(bob.SharedFolderPath!).Select(Path.GetFileName));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task DeleteUnlessKept_NoLogWritten_RunFolderGoneLinkTargetsKept()
    {
        await using var fixture = new HubFixture();
        var outside = fixture.Root.WriteFile("outside/keep.txt", "mine");
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        await File.WriteAllTextAsync(Path.Join(alice.WorkspacePath, "a.txt"), "a");
        File.CreateSymbolicLink(Path.Join(alice.WorkspacePath, "out"), Path.GetDirectoryName(outside)!);
        await alice.OnAnswerAcceptedAsync();
        await bob.BeforeTurnAsync(new TurnPreparation(s_labels, ["alice"], false));
        await fixture.Hub.DisposeAsync();

        var deleted = fixture.Hub.DeleteUnlessKept("events.jsonl");

        Assert.True(deleted);
        Assert.False(Directory.Exists(fixture.Hub.RunDirectory));
        Assert.Equal("mine", await File.ReadAllTextAsync(outside));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task DeleteUnlessKept_LogWritten_RunFolderKept()
    {
        await using var fixture = new HubFixture();
        fixture.Create("alice");
        await File.WriteAllTextAsync(Path.Join(fixture.Hub.RunDirectory, "events.jsonl"), "{}");

        Assert.False(fixture.Hub.DeleteUnlessKept("events.jsonl"));
        Assert.True(Directory.Exists(fixture.Hub.GetWorkspacePath("alice")));
        Assert.Equal(Path.Join(fixture.Root.Path, ".massgen", "logs", "run-1"), fixture.Hub.RunDirectory);
    }
}
