using System.Diagnostics;
using System.Globalization;
using MassGen.Core.Agents;
using MassGen.Tools.Settings;
using MassGen.Tools.Workspaces;

if (args.Length > 0 && args[0] == "sandbox-startup")
{
    // Usage: dotnet run -c Release --project bench/MassGen.Tools.Benchmarks -- sandbox-startup [runs]
    await SandboxStartupBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
    return;
}

if (args.Length > 0 && args[0] == "disk")
{
    // Usage: dotnet run -c Release --project bench/MassGen.Tools.Benchmarks -- disk [megabytes]
    await DiskUsageBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100);
    return;
}

// Snapshot and shared-folder refresh for 5 agents, each with a workspace of 1,000 files / 50 MB, on real disk.
// Usage: dotnet run -c Release --project bench/MassGen.Tools.Benchmarks [-- <files> <megabytes> <agents>]
var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
var megabytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var agentCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var fileSize = megabytes * 1024 * 1024 / files;

var root = Path.Join(Path.GetTempPath(), "massgen-tools-bench-" + Guid.NewGuid().ToString("N"));
try
{
    await using var hub = new WorkspaceHub(root, "bench");
    var ids = Enumerable.Range(1, agentCount).Select(i => $"agent-{i}").ToList();
    var environments = ids.Select(id => hub.CreateEnvironment(id, new AgentToolSettings { Cwd = "ws" })).ToList();
    var labels = ids.Select((id, i) => (id, label: $"agent{i + 1}")).ToDictionary(p => p.id, p => p.label);
    var preparation = new TurnPreparation(labels, ids, false);

    var random = new Random(42);
    var buffer = new byte[fileSize];
    foreach (var environment in environments)
    {
        for (var f = 0; f < files; f++)
        {
            random.NextBytes(buffer);
            var path = Path.Join(environment.WorkspacePath, $"dir{f % 20:00}", $"file{f:0000}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, buffer);
        }
    }

    Console.WriteLine($"{agentCount} agents x {files:N0} files x {fileSize:N0} bytes = {(long)agentCount * files * fileSize / 1024.0 / 1024:N0} MB of workspaces");

    var slots = ids.Select(id => hub.FindSlot(id)!).ToList();
    await Measure("first snapshot, all agents", async () =>
    {
        MirrorStatistics total = MirrorStatistics.None;
        foreach (var slot in slots)
        {
            total = total.Add(await hub.SnapshotAsync(slot, CancellationToken.None));
        }

        return total;
    });
    await Measure("first shared refresh, all viewers", () => RefreshAll(hub, slots, preparation));
    await Measure("unchanged: refresh again", () => RefreshAll(hub, slots, preparation));
    await Measure("unchanged: snapshot again (1 agent)", async () => await hub.SnapshotAsync(slots[0], CancellationToken.None));
    await Measure("unchanged: refresh after re-snapshot", () => RefreshAll(hub, slots, preparation));

    // One agent changes 10 files and answers again: only those files move.
    for (var f = 0; f < 10; f++)
    {
        random.NextBytes(buffer);
        await File.WriteAllBytesAsync(Path.Join(environments[0].WorkspacePath, $"dir{f % 20:00}", $"file{f:0000}.bin"), buffer);
    }

    await Measure("10 files changed: snapshot (1 agent)", async () => await hub.SnapshotAsync(slots[0], CancellationToken.None));
    await Measure("10 files changed: refresh all viewers", () => RefreshAll(hub, slots, preparation));
}
finally
{
    Directory.Delete(root, recursive: true);
}

// Viewers see peers' snapshots through links: a refresh copies nothing, it only (re)points label links.
static async Task<MirrorStatistics> RefreshAll(WorkspaceHub hub, IReadOnlyList<AgentSlot> slots, TurnPreparation preparation)
{
    var links = 0;
    foreach (var slot in slots)
    {
        links += await hub.RefreshSharedAsync(slot, preparation, CancellationToken.None);
    }

    Console.Write($"[{links} label links changed] ");
    return MirrorStatistics.None;
}

static async Task Measure(string name, Func<Task<MirrorStatistics>> action)
{
    var watch = Stopwatch.StartNew();
    var statistics = await action();
    watch.Stop();
    Console.WriteLine($"{name,-40} {watch.Elapsed.TotalMilliseconds,10:N1} ms   copied {statistics.FilesCopied,6:N0} files / {statistics.BytesCopied / 1024.0 / 1024,8:N1} MB, unchanged {statistics.FilesUnchanged,6:N0}");
}
