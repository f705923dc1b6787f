using System.Diagnostics;
using System.Globalization;
using MassGen.Core.Agents;
using MassGen.Tools.Internal;
using MassGen.Tools.Settings;
using MassGen.Tools.Workspaces;

/// <summary>
/// Disk used by a three-agent run in which one workspace holds a file of real (random) bytes: the run folder as the
/// hub leaves it (workspace, one snapshot, viewers' links), against what per-viewer copies cost (each viewer's
/// shared folder a mirror of every snapshot, as before snapshots were shown in place). Measured with <c>du</c>.
/// </summary>
internal static class DiskUsageBenchmark
{
    public static async Task RunAsync(int megabytes)
    {
        var root = Path.Join(Path.GetTempPath(), "massgen-disk-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var hub = new WorkspaceHub(root, "bench");
            var ids = new[] { "agent-1", "agent-2", "agent-3" };
            var environments = ids.Select(id => hub.CreateEnvironment(id, new AgentToolSettings { Cwd = "ws" })).ToList();
            var labels = ids.Select((id, i) => (id, label: $"agent{i + 1}")).ToDictionary(p => p.id, p => p.label);
            var preparation = new TurnPreparation(labels, ids, false);
            var buffer = new byte[1 << 20];
            await using (var file = File.Create(Path.Join(environments[0].WorkspacePath, "big.bin")))
            {
                for (var i = 0; i < megabytes; i++)
                {
                    Random.Shared.NextBytes(buffer);
                    await file.WriteAsync(buffer);
                }
            }

            foreach (var environment in environments)
            {
                await environment.OnAnswerAcceptedAsync();
            }

            foreach (var environment in environments)
            {
                await environment.BeforeTurnAsync(preparation);
            }

            var now = await AllocatedBytesAsync(hub.RunDirectory);

            // Per-viewer copies, as the shared folders used to hold them: every viewer mirrors every snapshot.
            var copies = Path.Join(root, "per-viewer-copies");
            foreach (var viewer in ids)
            {
                foreach (var author in ids)
                {
                    DirectoryMirror.Mirror(hub.GetSnapshotPath(author)!, Path.Join(copies, viewer, labels[author]));
                }
            }

            var before = now + await AllocatedBytesAsync(copies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"three agents, one {megabytes} MiB file of random bytes, every agent answered and refreshed (du, allocated bytes):"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per-viewer copies (before): {before / 1048576.0,8:F1} MiB  = {before / (double)(megabytes << 20),4:F2} x the file"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  snapshots shown in place:   {now / 1048576.0,8:F1} MiB  = {now / (double)(megabytes << 20),4:F2} x the file"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<long> AllocatedBytesAsync(string folder)
    {
        var info = new ProcessStartInfo("du") { ArgumentList = { "-s", "-B1", folder }, RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return long.Parse(output.Split('\t')[0], CultureInfo.InvariantCulture);
    }
}
