using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MassGen.Evaluation.Eval;

/// <summary>manifest.json: what was evaluated, with what, so a result can be reproduced and a resume checked.</summary>
internal sealed record EvalManifest
{
    public string? MassgenVersion { get; init; }

    public string? MassgenCommit { get; init; }

    public required string Benchmark { get; init; }

    public required string Input { get; init; }

    public required string DatasetSha256 { get; init; }

    public int? Limit { get; init; }

    public int Items { get; init; }

    public string? SelectOn { get; init; }

    public string? SelectOnSha256 { get; init; }

    public required string ConfigSha256 { get; init; }

    public IReadOnlyDictionary<string, string?> Models { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<int> Seeds { get; init; } = [];

    public IReadOnlyList<string> Arms { get; init; } = [];

    public IReadOnlyList<string> NotApplicable { get; init; } = [];

    public string? Chairman { get; init; }

    public int? SelfConsistencyK { get; init; }

    public decimal? MaxCostUsd { get; init; }

    public int BootstrapSeed { get; init; }

    public int BootstrapResamples { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The differences that make a resume mix two evals, as sentences; empty when the two agree.</summary>
    public IReadOnlyList<string> DifferencesFrom(EvalManifest earlier)
    {
        var problems = new List<string>();
        void Check(string what, object? now, object? before)
        {
            if (!Equals(now, before))
            {
                problems.Add($"{what} was {before ?? "none"}, now {now ?? "none"}");
            }
        }

        Check("the benchmark", Benchmark, earlier.Benchmark);
        Check("the input's SHA-256", DatasetSha256, earlier.DatasetSha256);
        Check("--limit", Limit, earlier.Limit);
        Check("the resolved config's SHA-256", ConfigSha256, earlier.ConfigSha256);
        Check("--seeds", Seeds.Count, earlier.Seeds.Count);
        Check("--arms", string.Join(",", Arms), string.Join(",", earlier.Arms));
        Check("the chairman", Chairman, earlier.Chairman);
        Check("--sc-k", SelfConsistencyK, earlier.SelfConsistencyK);
        Check("--select-on's SHA-256", SelectOnSha256, earlier.SelectOnSha256);
        return problems;
    }

    public static EvalManifest? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<EvalManifest>(File.ReadAllText(path), EvalJson.Indented);
        }
        catch (JsonException e)
        {
            throw new EvalUsageException($"{path} is not a manifest of massgen eval ({e.Message}); choose another --output folder or start without --resume.", e);
        }
    }

    public void Write(string path) => AtomicWrite(path, JsonSerializer.Serialize(this, EvalJson.Indented) + "\n");

    /// <summary>Writes through a temporary file and a rename, so a kill never leaves half a file.</summary>
    public static void AtomicWrite(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
