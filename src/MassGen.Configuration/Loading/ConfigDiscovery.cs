namespace MassGen.Configuration;

/// <summary>
/// Finds the configuration file to use: <c>--config PATH</c>, <c>--config @examples/NAME</c> (the shipped examples),
/// else <c>./.massgen/config.yaml</c>, else <c>~/.config/massgen/config.yaml</c>.
/// </summary>
public sealed class ConfigDiscovery
{
    /// <summary>The variable the launcher sets to the shipped examples folder.</summary>
    public const string ExamplesDirectoryVariable = "MASSGEN_EXAMPLES_DIR";

    private const string ExamplePrefix = "@examples/";
    private static readonly string[] s_extensions = [".yaml", ".yml", ".json"];

    private readonly string _currentDirectory;
    private readonly string? _homeDirectory;

    /// <summary>Creates a discovery over explicit folders (tests inject their own).</summary>
    /// <param name="currentDirectory">The folder relative paths and <c>.massgen/config.yaml</c> are relative to.</param>
    /// <param name="homeDirectory">The user's home; <c>null</c> to skip the user-level locations.</param>
    /// <param name="examplesDirectory">The folder of shipped examples.</param>
    public ConfigDiscovery(string currentDirectory, string? homeDirectory, string examplesDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currentDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(examplesDirectory);
        _currentDirectory = currentDirectory;
        _homeDirectory = homeDirectory;
        ExamplesDirectory = examplesDirectory;
    }

    /// <summary>The folder of shipped examples.</summary>
    public string ExamplesDirectory { get; }

    /// <summary>
    /// Discovery for this process: the current folder, the user's home, and the examples folder from
    /// <c>MASSGEN_EXAMPLES_DIR</c> in <paramref name="environment"/> (else <c>&lt;program folder&gt;/examples</c>).
    /// </summary>
    public static ConfigDiscovery ForCurrentProcess(ConfigEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new ConfigDiscovery(Environment.CurrentDirectory, home.Length == 0 ? null : home, DefaultExamplesDirectory(environment.Get(ExamplesDirectoryVariable)));
    }

    /// <summary>The examples folder: <paramref name="examplesVariable"/> when set, else <c>examples</c> next to the program.</summary>
    public static string DefaultExamplesDirectory(string? examplesVariable) =>
        string.IsNullOrWhiteSpace(examplesVariable) ? Path.Combine(AppContext.BaseDirectory, "examples") : examplesVariable;

    /// <summary>
    /// The configuration to use. With <paramref name="configArgument"/> (the <c>--config</c> value) that file or
    /// example must exist; without it the default locations are tried and <c>null</c> means none exists.
    /// </summary>
    /// <exception cref="ConfigurationException">The named file or example cannot be found (the message lists what exists).</exception>
    public ConfigLocation? Find(string? configArgument)
    {
        if (!string.IsNullOrWhiteSpace(configArgument))
        {
            return configArgument.StartsWith(ExamplePrefix, StringComparison.Ordinal)
                ? new ConfigLocation(FindExample(configArgument[ExamplePrefix.Length..]), ConfigOrigin.Example)
                : new ConfigLocation(FindArgument(configArgument), ConfigOrigin.Argument);
        }

        var project = Path.Combine(_currentDirectory, ".massgen", "config.yaml");
        if (File.Exists(project))
        {
            return new ConfigLocation(project, ConfigOrigin.Project);
        }

        if (_homeDirectory is not null)
        {
            var user = Path.Combine(_homeDirectory, ".config", "massgen", "config.yaml");
            if (File.Exists(user))
            {
                return new ConfigLocation(user, ConfigOrigin.User);
            }
        }

        return null;
    }

    /// <summary>The shipped examples, as names usable with <c>@examples/NAME</c>, sorted.</summary>
    public IReadOnlyList<string> ListExamples() =>
        [.. ExampleFiles().Select(ExampleName).Order(StringComparer.Ordinal)];

    private string FindArgument(string argument)
    {
        var direct = Path.GetFullPath(argument, _currentDirectory);
        if (File.Exists(direct))
        {
            return direct;
        }

        // As the original does, a bare name also finds the user's saved configs.
        if (_homeDirectory is not null && !Path.IsPathRooted(argument))
        {
            var agents = Path.Combine(_homeDirectory, ".config", "massgen", "agents");
            foreach (var candidate in new[] { argument }.Concat(s_extensions.Select(e => argument + e)))
            {
                var path = Path.Combine(agents, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new ConfigurationException($"Configuration file not found: {argument} (looked for {direct}"
            + (_homeDirectory is null ? ")." : $" and in {Path.Combine(_homeDirectory, ".config", "massgen", "agents")}).")
            + " Check the path, or use @examples/NAME for a shipped example.");
    }

    private string FindExample(string name)
    {
        if (!Directory.Exists(ExamplesDirectory))
        {
            throw new ConfigurationException($"The examples folder {ExamplesDirectory} does not exist; set {ExamplesDirectoryVariable} to the folder holding the example configurations.");
        }

        var wanted = StripExtension(name.Replace('\\', '/'));
        var files = ExampleFiles().ToList();
        var exact = files.Where(f => string.Equals(ExampleName(f), wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileNameWithoutExtension(f), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        var partial = exact.Count > 1 ? exact : files.Where(f => ExampleName(f).Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return partial.Count switch
        {
            1 => partial[0],
            0 => throw new ConfigurationException($"No example matches '{name}'. Available: {string.Join(", ", ListExamples())}."),
            _ => throw new ConfigurationException($"'{name}' matches several examples: {string.Join(", ", partial.Select(ExampleName).Order(StringComparer.Ordinal))}; give the full name."),
        };
    }

    private IEnumerable<string> ExampleFiles() =>
        Directory.Exists(ExamplesDirectory)
            ? Directory.EnumerateFiles(ExamplesDirectory, "*", SearchOption.AllDirectories)
                .Where(f => s_extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            : [];

    private string ExampleName(string file) => StripExtension(Path.GetRelativePath(ExamplesDirectory, file).Replace('\\', '/'));

    private static string StripExtension(string name) =>
        s_extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension ? name[..^extension.Length] : name;
}
