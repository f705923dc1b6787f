// Plain Stopwatch harness (run in Release): how long loading and validating a configuration takes, cold (first load
// in the process, JIT included, what `massgen` pays at start-up) and warm, for a shipped example and a 50-agent team.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MassGen.Configuration;

var keys = new Dictionary<string, string>
{
    ["OPENAI_API_KEY"] = "sk-bench",
    ["ANTHROPIC_API_KEY"] = "sk-bench",
    ["GEMINI_API_KEY"] = "bench",
};
var loader = new ConfigLoader(new ConfigEnvironment(keys), Path.GetTempPath());
var example = File.ReadAllText(Path.Combine(FindRoot(), "examples", "three-frontier-models.yaml"));
var large = LargeTeam(50);

if (args.Contains("--yaml-first"))
{
    // Splits the cold cost: YamlDotNet's own first parse, before ours.
    var yaml = Stopwatch.StartNew();
    new YamlDotNet.RepresentationModel.YamlStream().Load(new StringReader(example));
    Report("cold YamlDotNet parse only", yaml.Elapsed.TotalMilliseconds, 1);
}

var cold = Stopwatch.StartNew();
var first = loader.LoadText(example);
cold.Stop();
if (first.Report.HasErrors)
{
    throw new InvalidOperationException(first.Report.ToString());
}

Report("cold load, three-frontier-models.yaml (JIT included)", cold.Elapsed.TotalMilliseconds, 1);
Measure("warm load, three-frontier-models.yaml", () => loader.LoadText(example), 2000);
Measure("warm load, 50-agent team (YAML)", () => loader.LoadText(large), 200);
var json = ConfigJsonWriter.ToJson(loader.LoadText(large).EnsureValid(), redactSecrets: false);
Measure("warm load, 50-agent team (JSON)", () => loader.LoadText(json, ConfigFormat.Json), 200);
Measure("ConfigJsonWriter, 50-agent team (redacted)", () => ConfigJsonWriter.ToJson(loader.LoadText(large).EnsureValid()), 200);

// Hostile inputs: each must end with a clear error, fast and with bounded memory.
var aliasBomb = string.Join("\n", "bcdefghi".Select((c, i) => $"{c}: &{c} [{string.Join(",", Enumerable.Repeat("*" + (char)('a' + i), 9))}]")
    .Prepend("a: &a [" + string.Join(",", Enumerable.Repeat("\"lol\"", 9)) + "]"));
var deepFlow = "agents:\n  - " + new string('[', 50_000) + new string(']', 50_000) + "\n";
var deepBlock = "agents:\n" + string.Concat(Enumerable.Repeat("- ", 50_000)) + "x\n";
var deepJson = "{\"agents\":" + new string('[', 50_000) + new string(']', 50_000) + "}";
Hostile("alias bomb (342 bytes, 9^9 values once expanded)", () => loader.LoadText(aliasBomb));
Hostile("flow nesting 50,000 deep (YAML)", () => loader.LoadText(deepFlow));
Hostile("block nesting 50,000 deep (YAML)", () => loader.LoadText(deepBlock));
Hostile("nesting 50,000 deep (JSON)", () => loader.LoadText(deepJson, ConfigFormat.Json));
if (File.Exists("/dev/zero"))
{
    Hostile("/dev/zero as the config file", () => Expect(() => loader.LoadFile("/dev/zero")));
}

var tooBig = Path.Combine(Path.GetTempPath(), $"massgen-bench-{Environment.ProcessId}.yaml");
File.WriteAllText(tooBig, "x: " + new string('y', (int)ConfigLimits.MaxFileBytes));
Hostile("a 4 MB + 4 bytes file", () => Expect(() => loader.LoadFile(tooBig)));
File.Delete(tooBig);

static object Expect(Action action)
{
    try
    {
        action();
    }
    catch (ConfigurationException exception)
    {
        return exception.Message;
    }

    throw new InvalidOperationException("expected a ConfigurationException");
}

static void Hostile(string name, Func<object> action)
{
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    var outcome = action();
    watch.Stop();
    var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (1024.0 * 1024.0);
    var message = outcome is ConfigLoadResult result ? result.Report.ToString() : outcome.ToString();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-55} {watch.Elapsed.TotalMilliseconds,9:F1} ms  {allocated,7:F1} MB allocated  -> {message?.Split('\n')[^1].Trim()}"));
}

static void Measure(string name, Func<object> action, int iterations)
{
    for (var i = 0; i < Math.Max(10, iterations / 10); i++)
    {
        action();
    }

    var watch = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        action();
    }

    watch.Stop();
    Report(name, watch.Elapsed.TotalMilliseconds / iterations, iterations);
}

static void Report(string name, double milliseconds, int iterations) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-55} {milliseconds,9:F3} ms/op  (n={iterations})"));

static string LargeTeam(int agents)
{
    var text = new StringBuilder("agents:\n");
    string[] types = ["openai", "claude", "gemini"];
    for (var i = 0; i < agents; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"""
              - id: agent{i}
                system_message: "You are agent {i}."
                backend:
                  type: {types[i % 3]}
                  temperature: 0.{i % 10}
                  reasoning: {"{"} effort: medium {"}"}
                  mcp_servers:
                    - name: files
                      command: npx
                      args: ["-y", "@modelcontextprotocol/server-filesystem", "."]

            """);
    }

    return text.Append("orchestrator:\n  voting_sensitivity: balanced\n").ToString();
}

static string FindRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "MassGen.slnx")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("MassGen.slnx not found above the benchmark's folder.");
}
