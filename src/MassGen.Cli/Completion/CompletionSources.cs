using System.CommandLine.Completions;
using MassGen.Cli.Setup;
using MassGen.Configuration;
using MassGen.Providers.Catalog;
using MassGen.Providers.Pricing;

namespace MassGen.Cli.Completion;

/// <summary>What the shell completes for values: config files and shipped examples, model names, backend types.</summary>
internal sealed class CompletionSources
{
    private const string ExamplePrefix = "@examples/";
    private static readonly string[] s_configExtensions = [".yaml", ".yml", ".json"];

    private readonly string _workingDirectory;
    private readonly string _examplesDirectory;

    public CompletionSources(string workingDirectory, string examplesDirectory)
    {
        _workingDirectory = workingDirectory;
        _examplesDirectory = examplesDirectory;
    }

    /// <summary>Every model name the catalog knows: the providers' defaults and the priced models.</summary>
    public static IReadOnlyList<string> ModelNames { get; } =
    [
        .. ProviderCatalog.All.Select(t => t.DefaultModel).OfType<string>().Concat(PriceTable.Entries.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];

    /// <summary>Every backend type.</summary>
    public static IEnumerable<string> BackendTypes(CompletionContext context) =>
        Matching(ProviderCatalog.All.Select(t => t.Type), context.WordToComplete);

    /// <summary>The providers <c>massgen init</c> can set up.</summary>
    public static IEnumerable<string> SetupProviderTypes(CompletionContext context) =>
        Matching(SetupProviders.All.Select(p => p.Type), context.WordToComplete);

    /// <summary>Model names for <c>--model</c>.</summary>
    public static IEnumerable<string> Models(CompletionContext context) => Matching(ModelNames, context.WordToComplete);

    /// <summary>Model names for the comma-separated <c>--models</c>: the part after the last comma is completed.</summary>
    public static IEnumerable<string> ModelLists(CompletionContext context)
    {
        var word = context.WordToComplete;
        var comma = word.LastIndexOf(',');
        var head = comma < 0 ? "" : word[..(comma + 1)];
        return Matching(ModelNames, word[head.Length..]).Select(m => head + m);
    }

    /// <summary>Config files and folders under the typed path, and <c>@examples/NAME</c> for the shipped examples.</summary>
    public IEnumerable<string> Configs(CompletionContext context)
    {
        var word = context.WordToComplete;
        if (word.StartsWith('@') || word.Length == 0)
        {
            var examples = new ConfigDiscovery(_workingDirectory, null, _examplesDirectory).ListExamples().Select(n => ExamplePrefix + n);
            foreach (var example in Matching(examples, word))
            {
                yield return example;
            }

            if (word.Length > 0)
            {
                yield break;
            }
        }

        foreach (var path in Paths(word))
        {
            yield return path;
        }
    }

    private IEnumerable<string> Paths(string word)
    {
        var slash = word.LastIndexOf('/');
        var typedFolder = slash < 0 ? "" : word[..(slash + 1)];
        var folder = Path.GetFullPath(typedFolder.Length == 0 ? "." : typedFolder, _workingDirectory);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var folders = Directory.EnumerateDirectories(folder).Select(d => typedFolder + Path.GetFileName(d) + "/");
        var files = Directory.EnumerateFiles(folder)
            .Where(f => s_configExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => typedFolder + Path.GetFileName(f));
        return Matching(folders.Concat(files), word);
    }

    private static IEnumerable<string> Matching(IEnumerable<string> candidates, string word) =>
        candidates.Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal);
}
