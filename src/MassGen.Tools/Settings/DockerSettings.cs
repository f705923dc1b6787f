namespace MassGen.Tools.Settings;

/// <summary>The <c>command_line_docker_*</c> settings of <c>docker</c> mode.</summary>
public sealed record DockerSettings
{
    /// <summary>The default image (the original MassGen's command runtime).</summary>
    public const string DefaultImage = "massgen/mcp-runtime:latest";

    /// <summary><c>command_line_docker_image</c>: the image every command runs in.</summary>
    public string Image { get; init; } = DefaultImage;

    /// <summary>
    /// <c>command_line_docker_memory_limit</c> in Docker's form (<c>512m</c>, <c>2g</c>); null to use
    /// <see cref="CommandLimits.MemoryBytes"/>.
    /// </summary>
    public string? MemoryLimit { get; init; }

    /// <summary><c>command_line_docker_cpu_limit</c>: CPUs a command may use (<c>--cpus</c>); null for no limit.</summary>
    public double? CpuLimit { get; init; }

    /// <summary>
    /// <c>command_line_docker_network_mode</c>: <c>none</c>, <c>bridge</c> or <c>host</c>; null for <c>none</c>, or
    /// <c>bridge</c> when <c>command_line_network</c> is on.
    /// </summary>
    public string? NetworkMode { get; init; }

    /// <summary>The <c>docker</c> program; null to look for it in <see cref="SearchPath"/>.</summary>
    public string? Executable { get; init; }

    /// <summary>Where to look for <c>docker</c> (a <c>PATH</c> value); null for this process's <c>PATH</c>.</summary>
    public string? SearchPath { get; init; }

    /// <summary>Every problem with these settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Image) || Image.StartsWith('-'))
        {
            problems.Add($"command_line_docker_image: '{Image}' is not an image name.");
        }

        if (MemoryLimit is not null && !System.Text.RegularExpressions.Regex.IsMatch(MemoryLimit, "^[0-9]+[bkmgBKMG]?$"))
        {
            problems.Add($"command_line_docker_memory_limit: '{MemoryLimit}' is not an amount of memory as Docker writes it (512m, 2g).");
        }

        if (CpuLimit is <= 0)
        {
            problems.Add("command_line_docker_cpu_limit: must be more than 0.");
        }

        if (NetworkMode is not (null or "none" or "bridge" or "host"))
        {
            problems.Add($"command_line_docker_network_mode: must be none, bridge or host; got '{NetworkMode}'.");
        }

        return problems;
    }
}
