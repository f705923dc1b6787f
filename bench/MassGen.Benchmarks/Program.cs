using BenchmarkDotNet.Running;
using MassGen.Benchmarks;

// "critical-path" runs the plain Stopwatch harness; anything else goes to BenchmarkDotNet (e.g. --filter *).
if (args is ["critical-path", ..])
{
    await CriticalPathHarness.RunAsync();
    return;
}

// "topology" compares the team shapes (all, islands, tournament) for cost and for finding a planted right answer.
if (args is ["topology", ..])
{
    await TopologyHarness.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CoordinationBenchmarks).Assembly).Run(args);
