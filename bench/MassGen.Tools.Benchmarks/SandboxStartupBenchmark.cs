using System.Diagnostics;
using System.Globalization;
using MassGen.Tools.Commands;
using MassGen.Tools.Sandboxing;
using MassGen.Tools.Settings;
using MassGen.Tools.Workspaces;

/// <summary>
/// Start-up cost of one sandboxed command against an unsandboxed one: `true` run through the command runner, many
/// times each, interleaved so machine load hits both alike; medians and the extra cost of the sandbox.
/// </summary>
internal static class SandboxStartupBenchmark
{
    public static async Task RunAsync(int runs)
    {
        var root = Path.Join(Path.GetTempPath(), "massgen-sandbox-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var hub = new WorkspaceHub(root, "bench");
            var settings = new AgentToolSettings { Cwd = "ws", EnableCommandLine = true };
            var agent = hub.CreateEnvironment("agent-1", settings);
            var tools = SandboxTools.Require();
            var variants = new (string Name, ICommandLauncher Launcher)[]
            {
                ("local (setsid sh)", new LocalLauncher()),
                ("sandbox, rlimits only", new SandboxLauncher(tools, agent.Policy, settings, CgroupLimiter.None)),
                ($"sandbox, rlimits + cgroups (pids {(CgroupLimiter.System.LimitsProcesses ? "yes" : "no")}, memory {(CgroupLimiter.System.LimitsMemory ? "yes" : "no")})", new SandboxLauncher(tools, agent.Policy, settings, CgroupLimiter.System)),
            };
            var timings = variants.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < runs + 5; i++)
            {
                for (var v = 0; v < variants.Length; v++)
                {
                    var runner = new CommandRunner(TimeProvider.System, 1_000, variants[v].Launcher);
                    var watch = Stopwatch.StartNew();
                    var result = await runner.RunAsync("true", agent.WorkspacePath!, TimeSpan.FromSeconds(30));
                    watch.Stop();
                    if (result.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"{variants[v].Name}: exit code {result.ExitCode}: {result.Output}");
                    }

                    if (i >= 5)
                    {
                        timings[v].Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }

            foreach (var (_, launcher) in variants)
            {
                (launcher as IDisposable)?.Dispose();
            }

            var baseline = Median(timings[0]);
            Console.WriteLine($"one command ('true') through the runner, {runs} runs each after 5 warm-up runs, interleaved:");
            for (var v = 0; v < variants.Length; v++)
            {
                var median = Median(timings[v]);
                var p90 = Percentile(timings[v], 0.9);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {variants[v].Name,-60} median {median,7:F2} ms  p90 {p90,7:F2} ms  extra vs local {median - baseline,7:F2} ms"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round((sorted.Count - 1) * fraction)];
    }
}
