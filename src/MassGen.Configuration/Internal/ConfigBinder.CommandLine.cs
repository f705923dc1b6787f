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
                problems.Error(reader.PathOf("command_line_execution_mode"), modeEntry!.Line,
                    "docker is not supported; remove command_line_execution_mode to run commands in the bubblewrap sandbox (the default: system folders read-only, only the workspace writable, no network, limits), or set local for no isolation");
            }
            else if (!string.Equals(modeText, "sandbox", StringComparison.OrdinalIgnoreCase))
            {
                problems.Error(reader.PathOf("command_line_execution_mode"), modeEntry!.Line, $"must be sandbox (the default) or local; got '{modeText}'");
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

        return new CommandLineConfig
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
}
