using System.Diagnostics;
using MassGen.Testing;
using MassGen.Tools.Sandboxing;
using MassGen.Tools.Tests.Support;

namespace MassGen.Tools.Tests.Sandboxing;

/// <summary>
/// Killing a command's group by the pids listed in <c>cgroup.procs</c> must never hit a process outside the group: a
/// number read there may already belong to another program once its process has gone.
/// </summary>
public sealed class CgroupMembersTests
{
    [LinuxFact(Timeout = TestTimeouts.Default)]
    public async Task Kill_ProcessOutsideTheGroup_IsLeftAlone()
    {
        using var bystander = StartCat();

        // As if its pid had been read from a group it never belonged to (a number reused after the member ended).
        CgroupMembers.Kill(bystander.Id, "/sys/fs/cgroup/pids/massgen-0-1");

        Assert.False(CgroupMembers.IsMember(bystander.Id, "/sys/fs/cgroup/pids/massgen-0-1"));
        Assert.Equal("still here", await EchoAsync(bystander, "still here"));
        bystander.Kill();
        await bystander.WaitForExitAsync();
    }

    [CgroupFact(Timeout = TestTimeouts.Default)]
    public async Task Kill_MemberOfTheGroup_IsKilled()
    {
        await using var scope = CgroupLimiter.System.Create(maxProcesses: 16, memoryBytes: 256L << 20);
        Assert.NotNull(scope);
        var group = Path.GetDirectoryName(scope.ProcsFiles[0])!;
        using var member = StartCat();
        await File.WriteAllTextAsync(scope.ProcsFiles[0], member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(CgroupMembers.IsMember(member.Id, group));

        CgroupMembers.Kill(member.Id, group);

        await member.WaitForExitAsync();
        Assert.Equal(137, member.ExitCode);
    }

    private static Process StartCat() => Process.Start(new ProcessStartInfo("cat") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;

    private static async Task<string?> EchoAsync(Process cat, string line)
    {
        await cat.StandardInput.WriteLineAsync(line);
        await cat.StandardInput.FlushAsync();
        return await cat.StandardOutput.ReadLineAsync();
    }
}
