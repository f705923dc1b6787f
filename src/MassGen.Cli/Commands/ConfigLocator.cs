using MassGen.Cli.Hosting;

namespace MassGen.Cli.Commands;

/// <summary>
/// Finds the config file: <c>--config PATH</c> (or <c>~/.config/massgen/agents/PATH</c>), <c>@examples/NAME</c> for the
/// shipped examples, else <c>.massgen/config.yaml</c>, then <c>~/.config/massgen/config.yaml</c>.
/// </summary>
internal sealed class ConfigLocator
{
    private const string ExamplesPrefix = "@examples/";
    private static readonly string[] s_extensions = [".yaml", ".yml", ".json"];
    private readonly CliHost _host;

    public ConfigLocator(CliHost host)
    {
        _host = host;
    }

    /// <summary>The file for <c>--config</c>, or an error that says what was tried.</summary>
    public (string? Path, string? Error) Resolve(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.StartsWith(ExamplesPrefix, StringComparison.Ordinal) || argument.StartsWith('@'))
        {
            var name = argument.StartsWith(ExamplesPrefix, StringComparison.Ordinal) ? argument[ExamplesPrefix.Length..] : argument[1..];
            return ResolveExample(name);
        }

        var candidates = new List<string> { Path.GetFullPath(argument, _host.WorkingDirectory) };
        var userAgents = Path.Combine(_host.HomeDirectory, ".config", "massgen", "agents");
        candidates.Add(Path.Combine(userAgents, argument));
        candidates.AddRange(s_extensions.Select(e => Path.Combine(userAgents, argument + e)));
        var found = candidates.FirstOrDefault(File.Exists);
        return found is not null
            ? (found, null)
            : (null, $"Config file not found: {argument} (looked in {_host.WorkingDirectory} and {userAgents}). Check the path, or use @examples/NAME for a shipped example.");
    }

    /// <summary>The config found without <c>--config</c>, or null.</summary>
    public string? Discover()
    {
        string[] candidates =
        [
            Path.Combine(_host.WorkingDirectory, ".massgen", "config.yaml"),
            Path.Combine(_host.HomeDirectory, ".config", "massgen", "config.yaml"),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The folder of shipped examples: <c>MASSGEN_EXAMPLES_DIR</c>, else an <c>examples/</c> folder above the program.</summary>
    public string? ExamplesDirectory()
    {
        if (_host.GetVariable("MASSGEN_EXAMPLES_DIR") is { } configured && Directory.Exists(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var examples = Path.Combine(directory.FullName, "examples");
            if (Directory.Exists(examples))
            {
                return examples;
            }
        }

        return null;
    }

    private (string? Path, string? Error) ResolveExample(string name)
    {
        var directory = ExamplesDirectory();
        if (directory is null)
        {
            return (null, "The shipped examples folder was not found; set MASSGEN_EXAMPLES_DIR to the repository's examples/ folder.");
        }

        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => s_extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var exact = files.FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f), Path.GetFileNameWithoutExtension(name), StringComparison.OrdinalIgnoreCase));
        var partial = files.FirstOrDefault(f => Path.GetRelativePath(directory, f).Contains(name, StringComparison.OrdinalIgnoreCase));
        if ((exact ?? partial) is { } match)
        {
            return (match, null);
        }

        var available = string.Join(", ", files.Select(Path.GetFileNameWithoutExtension));
        return (null, $"No example named '{name}'. Available: {(available.Length == 0 ? "none" : available)}.");
    }
}
