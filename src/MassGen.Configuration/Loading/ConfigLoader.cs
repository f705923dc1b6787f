using System.Globalization;
using MassGen.Configuration.Internal;
using MassGen.Shared;

namespace MassGen.Configuration;

/// <summary>
/// Reads a YAML or JSON configuration, expands <c>${VAR}</c> from a <see cref="ConfigEnvironment"/>, and validates it
/// all at once (unknown keys, types, ranges, models, API keys, URLs, capabilities, features of the original that are
/// not supported). Never calls a model.
/// </summary>
public sealed class ConfigLoader
{
    private readonly ConfigEnvironment _environment;
    private readonly string _currentDirectory;

    /// <summary>Creates a loader.</summary>
    /// <param name="environment">Where <c>${VAR}</c> references and API keys are looked up.</param>
    /// <param name="currentDirectory">Folder relative context paths and workspaces resolve against; the process's current folder by default.</param>
    public ConfigLoader(ConfigEnvironment environment, string? currentDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _currentDirectory = currentDirectory ?? Environment.CurrentDirectory;
    }

    /// <summary>
    /// Loads the file at <paramref name="path"/> (<c>.json</c> as JSON, anything else as YAML).
    /// </summary>
    /// <exception cref="ConfigurationException">The file does not exist, cannot be read, is not a regular file, or is larger than <see cref="ConfigLimits.MaxFileBytes"/>.</exception>
    public ConfigLoadResult LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = InputFile.ReadAllText(path, ConfigLimits.MaxFileBytes, "configuration");
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException($"Configuration file not found: {path}. Check the path, or use @examples/NAME for a shipped example.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"Configuration file {path} cannot be read: {ex.Message}", ex);
        }

        return LoadText(text, FormatOf(path), path);
    }

    /// <summary>Loads a configuration from text.</summary>
    /// <param name="text">The YAML or JSON.</param>
    /// <param name="format">Its syntax.</param>
    /// <param name="sourceName">How the source is named in the report (a file name).</param>
    public ConfigLoadResult LoadText(string text, ConfigFormat format = ConfigFormat.Yaml, string sourceName = "config")
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new ProblemSink();
        if (text.Length > ConfigLimits.MaxFileBytes)
        {
            problems.Error(string.Empty, 0, string.Create(CultureInfo.InvariantCulture,
                $"the configuration is larger than the {InputFile.Size(ConfigLimits.MaxFileBytes)} limit ({text.Length} characters); check that this is the right file"));
            return new ConfigLoadResult(null, new ValidationReport(sourceName, problems.Problems));
        }

        ConfigNode? root;
        try
        {
            root = format == ConfigFormat.Json ? JsonConfigParser.Parse(text) : YamlConfigParser.Parse(text);
        }
        catch (ConfigSyntaxException ex)
        {
            problems.Error(string.Empty, ex.Line, ex.Message);
            return new ConfigLoadResult(null, new ValidationReport(sourceName, problems.Problems));
        }

        if (root is not null)
        {
            root = VariableExpander.Expand(root, string.Empty, _environment, problems);
        }

        var config = new ConfigBinder(problems, _environment, _currentDirectory).Bind(root);
        var report = new ValidationReport(sourceName, problems.Problems);
        return new ConfigLoadResult(report.HasErrors ? null : config, report);
    }

    /// <summary>The format a file name implies: JSON for <c>.json</c>, YAML otherwise.</summary>
    public static ConfigFormat FormatOf(string path) =>
        string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase) ? ConfigFormat.Json : ConfigFormat.Yaml;
}
