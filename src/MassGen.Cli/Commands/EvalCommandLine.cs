using System.CommandLine;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Cli.Serving;

namespace MassGen.Cli.Commands;

/// <summary>The <c>massgen eval</c> command line: the options of an evaluation, handed to <see cref="EvalCommand"/>.</summary>
internal static class EvalCommandLine
{
    public static Command Build(CliHost host, ITeamLoader loader)
    {
        var config = new Option<string>("--config", "-c") { Description = "The team's config file (or @examples/NAME).", Required = true };
        var benchmark = new Option<string>("--benchmark") { Description = "ifeval, gsm8k or choice.", Required = true };
        benchmark.AcceptOnlyFromAmong("ifeval", "gsm8k", "choice");
        var input = new Option<string>("--input") { Description = "The benchmark's input file (as `massgen score` reads it).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Folder for manifest.json, items.jsonl, report.json, report.md and report.html.", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Only the first N items." };
        var arms = new Option<string?>("--arms") { Description = "Comma-separated arms: single:<agent>, single (every member), vote, self-consistency, council, team, oracle (default: all)." };
        var seeds = new Option<int>("--seeds") { Description = "Runs of each item in each arm, with seeds 1..N.", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Items in flight at once (with --cluster, in the whole cluster).", DefaultValueFactory = _ => 4 };
        var maxCost = new Option<decimal?>("--max-cost-usd") { Description = "Stop starting new work once this much has been spent; the report covers what finished." };
        var resume = new Option<bool>("--resume") { Description = "Continue the eval in --output: only the unfinished item × arm units run." };
        var json = new Option<bool>("--json") { Description = "Print report.json on standard output." };
        var scK = new Option<int?>("--sc-k") { Description = "Samples of the self-consistency arm (default: as many as match the team's median tokens)." };
        var chairman = new Option<string?>("--chairman") { Description = "The member who writes the council's final answer (default: the first)." };
        var selectOn = new Option<string?>("--select-on") { Description = "A separate file of the same benchmark on which the best single member is chosen." };
        var cluster = new Option<string?>("--cluster") { Description = $"Join the cluster whose Redis server is at HOST:PORT (or set {ClusterServing.RedisVariable}): the model calls are spread over every node of the cluster; the report is the same (docs/cluster.md)." };
        var command = new Command("eval", "Does the team beat its best member, at what cost, and how sure are we: run a benchmark in several arms and compare them with paired statistics.")
        {
            config, benchmark, input, output, limit, arms, seeds, concurrency, maxCost, resume, json, scK, chairman, selectOn, cluster,
        };
        command.SetAction((parse, cancellationToken) => new EvalCommand(host, loader).RunAsync(
            new EvalSettings
            {
                ConfigPath = parse.GetValue(config)!,
                Benchmark = parse.GetValue(benchmark)!,
                Input = parse.GetValue(input)!,
                Output = parse.GetValue(output)!,
                Limit = parse.GetValue(limit),
                Arms = parse.GetValue(arms) is { } list ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [],
                Seeds = parse.GetValue(seeds),
                Concurrency = parse.GetValue(concurrency),
                MaxCostUsd = parse.GetValue(maxCost),
                Resume = parse.GetValue(resume),
                Json = parse.GetValue(json),
                SelfConsistencyK = parse.GetValue(scK),
                Chairman = parse.GetValue(chairman),
                SelectOn = parse.GetValue(selectOn),
                Cluster = parse.GetValue(cluster) ?? host.GetVariable(ClusterServing.RedisVariable),
            },
            cancellationToken));
        return command;
    }
}
