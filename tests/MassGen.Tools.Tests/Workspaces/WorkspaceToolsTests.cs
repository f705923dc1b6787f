using MassGen.Testing;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.Workspaces;

public sealed class WorkspaceToolsTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteThenRead_RelativePath_RoundTripsInWorkspace()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");

        var written = await agent.CallAsync("write_file", fixture.Reporter, ("path", "src/solve.py"), ("content", "print(42)\n"));
        var read = await agent.CallAsync("read_file", fixture.Reporter, ("path", "src/solve.py"));

        Assert.StartsWith("created ", Assert.IsType<string>(written));
        Assert.Equal("print(42)\n", read);
        Assert.True(File.Exists(Path.Join(agent.WorkspacePath, "src", "solve.py")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_LineRange_ReturnsOnlyThoseLines()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await File.WriteAllTextAsync(Path.Join(agent.WorkspacePath, "f.txt"), "one\ntwo\nthree\nfour");

        var read = await agent.CallAsync("read_file", fixture.Reporter, ("path", "f.txt"), ("startLine", 2), ("lineCount", 2));

        Assert.Equal("two\nthree", read);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_LargeFile_TruncatedWithWhereToContinue()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new Settings.AgentToolSettings { Cwd = "ws", MaxOutputCharacters = 1_000 });
        await File.WriteAllLinesAsync(Path.Join(agent.WorkspacePath, "big.log"), Enumerable.Range(1, 100_000).Select(i => $"line {i}"));

        var read = Assert.IsType<string>(await agent.CallAsync("read_file", fixture.Reporter, ("path", "big.log")));

        Assert.StartsWith("line 1\nline 2\n", read);
        Assert.True(read.Length < 1_300, $"length {read.Length}");
        Assert.Contains("truncated at line", read);
        Assert.Contains("startLine=", read);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_BinaryFile_FailsWithPointer()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await File.WriteAllBytesAsync(Path.Join(agent.WorkspacePath, "blob.dat"), [1, 2, 0, 3]);

        var error = await Assert.ThrowsAsync<ToolCallFailedException>(() => agent.CallAsync("read_file", fixture.Reporter, ("path", "blob.dat")));

        Assert.Contains("binary file", error.Message);
        Assert.Contains("execute_command", error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task EditFile_UniqueSnippet_Replaced()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await File.WriteAllTextAsync(Path.Join(agent.WorkspacePath, "a.py"), "x = 1\ny = 2\n");

        var result = await agent.CallAsync("edit_file", fixture.Reporter, ("path", "a.py"), ("oldText", "y = 2"), ("newText", "y = 3"));

        Assert.Contains("at line 2", Assert.IsType<string>(result));
        Assert.Equal("x = 1\ny = 3\n", await File.ReadAllTextAsync(Path.Join(agent.WorkspacePath, "a.py")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task EditFile_AmbiguousSnippet_FailsAndLeavesFile()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await File.WriteAllTextAsync(Path.Join(agent.WorkspacePath, "a.py"), "x = 1\nx = 1\n");

        var error = await Assert.ThrowsAsync<ToolCallFailedException>(() => agent.CallAsync("edit_file", fixture.Reporter, ("path", "a.py"), ("oldText", "x = 1"), ("newText", "x = 2")));

        Assert.Contains("occurs 2 times", error.Message);
        Assert.Equal("x = 1\nx = 1\n", await File.ReadAllTextAsync(Path.Join(agent.WorkspacePath, "a.py")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ListDirectory_NestedFolders_ShowsTreeWithSizes()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "a/b.txt"), ("content", "12345"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "c.txt"), ("content", ""));

        var listing = Assert.IsType<string>(await agent.CallAsync("list_directory", fixture.Reporter, ("depth", 2)));

        Assert.Contains("a/\n", listing);
        Assert.Contains("a/b.txt (5 bytes)", listing);
        Assert.Contains("c.txt (0 bytes)", listing);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SearchFiles_ByNameAndContent_FindsLines()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "a.py"), ("content", "def solve():\n    return 42\n"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "notes.md"), ("content", "solve later"));

        var byName = Assert.IsType<string>(await agent.CallAsync("search_files", fixture.Reporter, ("namePattern", "*.py")));
        var byContent = Assert.IsType<string>(await agent.CallAsync("search_files", fixture.Reporter, ("namePattern", "*.py"), ("contains", "RETURN")));

        Assert.Contains("a.py", byName);
        Assert.DoesNotContain("notes.md", byName);
        Assert.Contains("a.py:2:     return 42", byContent);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ComparePaths_Files_ShowsChangedLines()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "v1.py"), ("content", "a\nb\nc\n"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "v2.py"), ("content", "a\nB\nc\n"));

        var diff = Assert.IsType<string>(await agent.CallAsync("compare_paths", fixture.Reporter, ("first", "v1.py"), ("second", "v2.py")));
        var same = Assert.IsType<string>(await agent.CallAsync("compare_paths", fixture.Reporter, ("first", "v1.py"), ("second", "v1.py")));

        Assert.Contains("-2: b", diff);
        Assert.Contains("+2: B", diff);
        Assert.StartsWith("the files are identical", same);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ComparePaths_Folders_ListsOnlyInAndDifferent()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "x/same.txt"), ("content", "1"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "y/same.txt"), ("content", "1"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "x/changed.txt"), ("content", "1"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "y/changed.txt"), ("content", "2"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "x/old.txt"), ("content", "1"));

        var report = Assert.IsType<string>(await agent.CallAsync("compare_paths", fixture.Reporter, ("first", "x"), ("second", "y")));

        Assert.Contains("old.txt", report.Split('\n')[0]);
        Assert.Contains("in both but different: changed.txt", report);
        Assert.Contains("identical in both: 1", report);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CopyPath_ExistingDestinationWithoutOverwrite_Fails()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "a.txt"), ("content", "a"));
        await agent.CallAsync("write_file", fixture.Reporter, ("path", "b.txt"), ("content", "b"));

        await Assert.ThrowsAsync<ToolCallFailedException>(() => agent.CallAsync("copy_path", fixture.Reporter, ("source", "a.txt"), ("destination", "b.txt")));
        await agent.CallAsync("copy_path", fixture.Reporter, ("source", "a.txt"), ("destination", "b.txt"), ("overwrite", true));

        Assert.Equal("a", await File.ReadAllTextAsync(Path.Join(agent.WorkspacePath, "b.txt")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task DeletePath_FileCreatedByCommandInOwnWorkspace_Allowed()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");
        await agent.CallAsync("execute_command", fixture.Reporter, ("command", "echo hi > made.txt"));

        var result = await agent.CallAsync("delete_path", fixture.Reporter, ("path", "made.txt"));

        Assert.StartsWith("deleted", Assert.IsType<string>(result));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetTools_AllowedAndExcludedFilters_Applied()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new Settings.AgentToolSettings { Cwd = "ws", EnableCommandLine = true, AllowedTools = ["read_*", "execute_command", "list_directory"], ExcludeTools = ["execute_*"] });

        var names = agent.GetTools().Select(t => t.Name).Order().ToList();

        Assert.Equal(["list_directory", "read_file"], names);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetTools_NoWorkspace_NoFileTools()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new Settings.AgentToolSettings());

        Assert.Empty(agent.GetTools());
        Assert.Null(agent.WorkspacePath);
        Assert.Null(agent.SystemPromptSection);
    }
}
