using System.Collections;
using MassGen.Configuration.Internal;
using MassGen.Shared;

namespace MassGen.Configuration;

/// <summary>
/// The variables a configuration sees: the process environment plus <c>.env</c> files. <c>${VAR}</c> references and
/// API keys are looked up here, never in the process environment directly, so tests inject their own.
/// </summary>
public sealed class ConfigEnvironment
{
    private readonly Dictionary<string, string> _variables;

    /// <summary>Creates an environment holding exactly <paramref name="variables"/> (no files are read).</summary>
    public ConfigEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _variables = new Dictionary<string, string>(variables, StringComparer.Ordinal);
    }

    private ConfigEnvironment(Dictionary<string, string> variables, IReadOnlyList<string> loadedFiles, IReadOnlyList<string> warnings)
    {
        _variables = variables;
        LoadedFiles = loadedFiles;
        Warnings = warnings;
    }

    /// <summary>Every variable.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>The <c>.env</c> files that were read, in the order they were applied.</summary>
    public IReadOnlyList<string> LoadedFiles { get; } = [];

    /// <summary>Lines of <c>.env</c> files that could not be read, each with its file and line.</summary>
    public IReadOnlyList<string> Warnings { get; } = [];

    /// <summary>The value of <paramref name="name"/>, or <c>null</c> when it is not set.</summary>
    public string? Get(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when <paramref name="name"/> is set to something other than blanks.</summary>
    public bool HasValue(string name) => !string.IsNullOrWhiteSpace(Get(name));

    /// <summary>
    /// Builds the environment from <paramref name="variables"/> (the real environment) and the <c>.env</c> files
    /// <c>~/.massgen/.env</c> and <c>./.env</c>: a real variable always wins, and <c>./.env</c> wins over the one in
    /// the home folder.
    /// </summary>
    /// <param name="variables">The process environment (or a test's).</param>
    /// <param name="currentDirectory">Folder whose <c>.env</c> is read; <c>null</c> to skip it.</param>
    /// <param name="homeDirectory">Home folder whose <c>.massgen/.env</c> is read; <c>null</c> to skip it.</param>
    public static ConfigEnvironment Load(IReadOnlyDictionary<string, string> variables, string? currentDirectory, string? homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        var loaded = new List<string>();
        var warnings = new List<string>();
        string?[] files =
        [
            homeDirectory is null ? null : Path.Combine(homeDirectory, ".massgen", ".env"),
            currentDirectory is null ? null : Path.Combine(currentDirectory, ".env"),
        ];
        foreach (var file in files)
        {
            if (file is null || !File.Exists(file))
            {
                continue;
            }

            string text;
            try
            {
                text = InputFile.ReadAllText(file, ConfigLimits.MaxEnvFileBytes, ".env file");
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // An unreadable .env file must not stop a run that may not need it; its keys are simply missing.
                warnings.Add($"{ex.Message} It is ignored.");
                continue;
            }

            // Later files win over earlier ones.
            foreach (var (name, value) in DotEnvParser.Parse(text, file, warnings))
            {
                merged[name] = value;
            }

            loaded.Add(file);
        }

        foreach (var (name, value) in variables)
        {
            merged[name] = value;
        }

        return new ConfigEnvironment(merged, loaded, warnings);
    }

    /// <summary>
    /// The environment of this process and the <c>.env</c> files of the current folder and the user's home
    /// (see <see cref="Load"/>).
    /// </summary>
    public static ConfigEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Load(variables, Environment.CurrentDirectory, home.Length == 0 ? null : home);
    }
}
