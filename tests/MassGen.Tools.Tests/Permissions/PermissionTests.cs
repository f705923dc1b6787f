using MassGen.Core.Agents;
using MassGen.Testing;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.Permissions;

public sealed class PermissionTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_DotDotEscapeFromWorkspace_RefusedAndReported()
    {
        await using var fixture = new HubFixture();
        var secret = fixture.Root.WriteFile("secret.txt", "top secret");
        var agent = fixture.Create("alice");

        var result = await agent.CallAsync("read_file", fixture.Reporter, ("path", "../../../../../secret.txt"));

        var refusal = Assert.IsType<ToolRefusal>(result);
        Assert.Contains("outside your workspace", refusal.Message);
        Assert.Contains(secret, refusal.Message);
        Assert.DoesNotContain("top secret", refusal.Message);
        var notice = Assert.Single(fixture.Reporter.Notices);
        Assert.Equal("permissions", notice.Source);
        Assert.Equal(ToolNoticeSeverity.Warning, notice.Severity);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_AbsolutePathOutside_Refused()
    {
        await using var fixture = new HubFixture();
        var outside = fixture.Root.WriteFile("elsewhere/notes.txt", "x");
        var agent = fixture.Create("alice");

        var result = await agent.CallAsync("read_file", fixture.Reporter, ("path", outside));

        Assert.Contains("outside your workspace, your shared reference folder and your context paths", Assert.IsType<ToolRefusal>(result).Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_SymlinkInWorkspacePointingOutside_Refused()
    {
        await using var fixture = new HubFixture();
        var outside = fixture.Root.WriteFile("elsewhere/passwords.txt", "hunter2");
        var agent = fixture.Create("alice");
        File.CreateSymbolicLink(Path.Join(agent.WorkspacePath, "innocent.txt"), outside);
        Directory.CreateSymbolicLink(Path.Join(agent.WorkspacePath, "folder"), Path.GetDirectoryName(outside)!);

        var viaFile = await agent.CallAsync("read_file", fixture.Reporter, ("path", "innocent.txt"));
        var viaFolder = await agent.CallAsync("read_file", fixture.Reporter, ("path", "folder/passwords.txt"));
        var writeThrough = await agent.CallAsync("write_file", fixture.Reporter, ("path", "folder/new.txt"), ("content", "x"));

        Assert.Contains($"resolves to '{outside}'", Assert.IsType<ToolRefusal>(viaFile).Message);
        Assert.IsType<ToolRefusal>(viaFolder);
        Assert.IsType<ToolRefusal>(writeThrough);
        Assert.False(File.Exists(fixture.Root.Combine("elsewhere", "new.txt")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteFile_ProtectedPath_RefusedEvenForFinalPresenter()
    {
        await using var fixture = new HubFixture();
        fixture.Root.WriteFile("project/secrets.txt", "key");
        var agent = fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            ContextPaths = [new ContextPathSettings(fixture.Root.Combine("project"), ContextPathAccess.Write) { ProtectedPaths = ["secrets.txt"] }],
        });

        var result = await agent.CallAsync("write_file", fixture.Reporter, finalPresentation: true, ("path", fixture.Root.Combine("project", "secrets.txt")), ("content", "stolen"));
        var allowed = await agent.CallAsync("write_file", fixture.Reporter, finalPresentation: true, ("path", fixture.Root.Combine("project", "result.txt")), ("content", "done"));

        Assert.Contains("protected path", Assert.IsType<ToolRefusal>(result).Message);
        Assert.Equal("key", File.ReadAllText(fixture.Root.Combine("project", "secrets.txt")));
        Assert.IsType<string>(allowed);
        Assert.Equal("done", File.ReadAllText(fixture.Root.Combine("project", "result.txt")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteFile_WriteContextPathDuringCoordination_Refused()
    {
        await using var fixture = new HubFixture();
        var target = fixture.Root.Combine("project", "out.txt");
        Directory.CreateDirectory(fixture.Root.Combine("project"));
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", ContextPaths = [new ContextPathSettings(fixture.Root.Combine("project"), ContextPathAccess.Write)] });

        var result = await agent.CallAsync("write_file", fixture.Reporter, ("path", target), ("content", "early"));

        Assert.Contains("read-only during coordination", Assert.IsType<ToolRefusal>(result).Message);
        Assert.False(File.Exists(target));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteFile_ReadContextPathAsFinalPresenter_Refused()
    {
        await using var fixture = new HubFixture();
        Directory.CreateDirectory(fixture.Root.Combine("docs"));
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", ContextPaths = [new ContextPathSettings(fixture.Root.Combine("docs"))] });

        var result = await agent.CallAsync("write_file", fixture.Reporter, finalPresentation: true, ("path", fixture.Root.Combine("docs", "x.md")), ("content", "x"));

        Assert.Contains("this context path is read-only", Assert.IsType<ToolRefusal>(result).Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task DeletePath_UnreadFileInContextPath_RefusedUntilRead()
    {
        await using var fixture = new HubFixture();
        var file = fixture.Root.WriteFile("project/old.txt", "outdated");
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", ContextPaths = [new ContextPathSettings(fixture.Root.Combine("project"), ContextPathAccess.Write)] });

        var refused = await agent.CallAsync("delete_path", fixture.Reporter, finalPresentation: true, ("path", file));
        Assert.Contains("neither read nor created", Assert.IsType<ToolRefusal>(refused).Message);
        Assert.True(File.Exists(file));

        await agent.CallAsync("read_file", fixture.Reporter, finalPresentation: true, ("path", file));
        var deleted = await agent.CallAsync("delete_path", fixture.Reporter, finalPresentation: true, ("path", file));

        Assert.IsType<string>(deleted);
        Assert.False(File.Exists(file));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteFile_SystemFolderInsideWriteContextPath_Refused()
    {
        await using var fixture = new HubFixture();
        fixture.Root.WriteFile("project/.git/config", "[core]");
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", ContextPaths = [new ContextPathSettings(fixture.Root.Combine("project"), ContextPathAccess.Write)] });

        var result = await agent.CallAsync("write_file", fixture.Reporter, finalPresentation: true, ("path", fixture.Root.Combine("project", ".git", "config")), ("content", "x"));
        var read = await agent.CallAsync("read_file", fixture.Reporter, ("path", fixture.Root.Combine("project", ".git", "config")));

        Assert.Contains("'.git' folders are read-only", Assert.IsType<ToolRefusal>(result).Message);
        Assert.Equal("[core]", read);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_SiblingOfFileContextPath_Refused()
    {
        await using var fixture = new HubFixture();
        var shared = fixture.Root.WriteFile("data/input.csv", "a,b");
        fixture.Root.WriteFile("data/private.csv", "c,d");
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", ContextPaths = [new ContextPathSettings(shared)] });

        var allowed = await agent.CallAsync("read_file", fixture.Reporter, ("path", shared));
        var sibling = await agent.CallAsync("read_file", fixture.Reporter, ("path", fixture.Root.Combine("data", "private.csv")));

        Assert.Equal("a,b", allowed);
        Assert.Contains("only that one file", Assert.IsType<ToolRefusal>(sibling).Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteFile_SharedReferenceFolder_Refused()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");

        var result = await agent.CallAsync("write_file", fixture.Reporter, ("path", Path.Join(agent.SharedFolderPath, "agent2", "x.py")), ("content", "x"));

        Assert.Contains("read-only view of your peers' work", Assert.IsType<ToolRefusal>(result).Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadFile_PeerWorkspaceOriginal_Refused()
    {
        await using var fixture = new HubFixture();
        var alice = fixture.Create("alice");
        var bob = fixture.Create("bob");
        File.WriteAllText(Path.Join(alice.WorkspacePath, "solve.py"), "print(1)");

        var read = await bob.CallAsync("read_file", fixture.Reporter, ("path", Path.Join(alice.WorkspacePath, "solve.py")));
        var write = await bob.CallAsync("write_file", fixture.Reporter, ("path", Path.Join(alice.WorkspacePath, "solve.py")), ("content", "x"));

        Assert.IsType<ToolRefusal>(read);
        Assert.IsType<ToolRefusal>(write);
        Assert.Equal("print(1)", File.ReadAllText(Path.Join(alice.WorkspacePath, "solve.py")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ContextPath_ProtectedPathOutsideIt_ClearError()
    {
        await using var fixture = new HubFixture();
        Directory.CreateDirectory(fixture.Root.Combine("project"));

        var error = Assert.Throws<ArgumentException>(() => fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            ContextPaths = [new ContextPathSettings(fixture.Root.Combine("project"), ContextPathAccess.Write) { ProtectedPaths = ["../other"] }],
        }));

        Assert.Contains("protected paths must be inside it", error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ContextPath_Missing_ClearError()
    {
        await using var fixture = new HubFixture();

        var error = Assert.Throws<ArgumentException>(() => fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            ContextPaths = [new ContextPathSettings(fixture.Root.Combine("no-such-project"))],
        }));

        Assert.Contains("'" + fixture.Root.Combine("no-such-project") + "' does not exist", error.Message);
    }
}
