namespace MassGen.Configuration.Internal;

/// <summary>The <c>command_line_*</c> isolation keys of a backend block.</summary>
internal sealed partial class ConfigBinder
{
    private const string LocalModeWarning =
        "commands run on this machine without isolation, with your user's rights: a command an agent writes (perhaps after reading a prompt injection in another answer) can read and change any of your files, read your environment and use the network; only a check of the command's text stands in front. Remove the key to use the sandbox (bubblewrap), the default";

    private CommandLineConfig BindCommandLine(SectionReader reader, bool commandLineEnabled)
    {
        var modeEntry = reader.Take("command_line_execution_mode");
        var modeText = reader.String("command_line_execution_mode");
        var mode = CommandExecution.Sandbox;
        if (modeText is not null)
        {
            if (string.Equals(modeText, "local", StringComparison.OrdinalIgnoreCase))
            {
                mode = CommandExecution.Local;
                if (commandLineEnabled)
                {
                    problems.Warning(reader.PathOf("command_line_execution_mode"), modeEntry!.Line, LocalModeWarning);
                }
            }
            else if (string.Equals(modeText, "docker", StringComparison.OrdinalIgnoreCase))
            {
                mode = CommandExecution.Docker;
            }
            else if (!string.Equals(modeText, "sandbox", StringComparison.OrdinalIgnoreCase))
            {
                problems.Error(reader.PathOf("command_line_execution_mode"), modeEntry!.Line, $"must be sandbox (the default), docker or local; got '{modeText}'");
            }
        }

        var network = reader.Bool("command_line_network") ?? false;
        var environment = reader.StringMap("command_line_env") ?? new Dictionary<string, string>();
        int? cpu = null, memory = null, processes = null, fileSize = null;
        if (reader.Take("command_line_limits") is { } limitsEntry
            && SectionReader.Open(limitsEntry.Value, reader.PathOf("command_line_limits"), limitsEntry.Line, problems) is { } limits)
        {
            cpu = (int?)limits.Integer("cpu_seconds", 1, int.MaxValue);
            memory = (int?)limits.Integer("memory_mb", 16, int.MaxValue);
            processes = (int?)limits.Integer("max_processes", 4, int.MaxValue);
            fileSize = (int?)limits.Integer("max_file_size_mb", 1, int.MaxValue);
            limits.ReportUnknownKeys();
        }

        var docker = BindDocker(reader, mode);
        return docker with
        {
            Mode = mode,
            Network = network,
            Environment = environment,
            CpuSeconds = cpu,
            MemoryMegabytes = memory,
            MaxProcesses = processes,
            MaxFileSizeMegabytes = fileSize,
        };
    }

    private CommandLineConfig BindDocker(SectionReader reader, CommandExecution mode)
    {
        var imageEntry = reader.Take("command_line_docker_image");
        var memoryEntry = reader.Take("command_line_docker_memory_limit");
        var cpuEntry = reader.Take("command_line_docker_cpu_limit");
        var networkEntry = reader.Take("command_line_docker_network_mode");
        var image = reader.String("command_line_docker_image");
        var memory = reader.String("command_line_docker_memory_limit");
        var cpu = reader.Number("command_line_docker_cpu_limit", 0, minExclusive: true);
        var network = reader.String("command_line_docker_network_mode");
        if (mode != CommandExecution.Docker)
        {
            foreach (var (key, entry) in new[] { ("command_line_docker_image", imageEntry), ("command_line_docker_memory_limit", memoryEntry), ("command_line_docker_cpu_limit", cpuEntry), ("command_line_docker_network_mode", networkEntry) })
            {
                if (entry is not null)
                {
                    problems.Warning(reader.PathOf(key), entry.Line, "ignored: it applies only with command_line_execution_mode: docker");
                }
            }

            return new CommandLineConfig();
        }

        if (memory is not null && !System.Text.RegularExpressions.Regex.IsMatch(memory, "^[0-9]+[bkmgBKMG]?$"))
        {
            problems.Error(reader.PathOf("command_line_docker_memory_limit"), memoryEntry!.Line, $"must be an amount of memory as Docker writes it (512m, 2g); got '{memory}'");
        }

        if (network is not null && network is not ("none" or "bridge" or "host"))
        {
            problems.Error(reader.PathOf("command_line_docker_network_mode"), networkEntry!.Line, $"must be none, bridge or host; got '{network}'");
        }

        return new CommandLineConfig { DockerImage = image, DockerMemoryLimit = memory, DockerCpuLimit = cpu, DockerNetworkMode = network };
    }
}
