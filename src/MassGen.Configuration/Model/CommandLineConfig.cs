namespace MassGen.Configuration;

/// <summary>The isolation settings of an agent's <c>execute_command</c> (<c>command_line_*</c> keys of a backend block).</summary>
public sealed record CommandLineConfig
{
    /// <summary><c>command_line_execution_mode</c>: <c>sandbox</c> (default), <c>docker</c> or <c>local</c>.</summary>
    public CommandExecution Mode { get; init; } = CommandExecution.Sandbox;

    /// <summary><c>command_line_network</c>: sandboxed commands may use the network (default false).</summary>
    public bool Network { get; init; }

    /// <summary><c>command_line_env</c>: the only environment variables passed to sandboxed commands besides PATH, HOME, TMPDIR, LANG.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>command_line_limits.cpu_seconds</c>; null for the default.</summary>
    public int? CpuSeconds { get; init; }

    /// <summary><c>command_line_limits.memory_mb</c>; null for the default.</summary>
    public int? MemoryMegabytes { get; init; }

    /// <summary><c>command_line_limits.max_processes</c>; null for the default.</summary>
    public int? MaxProcesses { get; init; }

    /// <summary><c>command_line_limits.max_file_size_mb</c>; null for the default.</summary>
    public int? MaxFileSizeMegabytes { get; init; }

    /// <summary><c>command_line_docker_image</c> (docker mode); null for the default image.</summary>
    public string? DockerImage { get; init; }

    /// <summary><c>command_line_docker_memory_limit</c> (docker mode, Docker's form: <c>512m</c>, <c>2g</c>); null to use the memory limit.</summary>
    public string? DockerMemoryLimit { get; init; }

    /// <summary><c>command_line_docker_cpu_limit</c> (docker mode, CPUs, e.g. 1.5); null for no CPU limit.</summary>
    public double? DockerCpuLimit { get; init; }

    /// <summary><c>command_line_docker_network_mode</c> (docker mode): <c>none</c>, <c>bridge</c> or <c>host</c>; null to follow <c>command_line_network</c>.</summary>
    public string? DockerNetworkMode { get; init; }
}
