namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// The parameters of the pretrained English Punkt sentence model: known abbreviations, collocations,
/// frequent sentence starters and the orthographic contexts each word type was seen in.
/// </summary>
internal sealed class PunktModel
{
    // Orthographic context flags, as defined by Kiss & Strunk (2006) and stored in the model.
    internal const int BeginUpper = 1 << 1;
    internal const int MiddleUpper = 1 << 2;
    internal const int UnknownUpper = 1 << 3;
    internal const int BeginLower = 1 << 4;
    internal const int MiddleLower = 1 << 5;
    internal const int UnknownLower = 1 << 6;
    internal const int AnyUpper = BeginUpper | MiddleUpper | UnknownUpper;
    internal const int AnyLower = BeginLower | MiddleLower | UnknownLower;

    private static readonly Lazy<PunktModel> s_english = new(LoadEnglish);

    private PunktModel(
        HashSet<string> abbreviations,
        HashSet<(string, string)> collocations,
        HashSet<string> sentenceStarters,
        Dictionary<string, int> orthographicContext)
    {
        Abbreviations = abbreviations;
        Collocations = collocations;
        SentenceStarters = sentenceStarters;
        OrthographicContext = orthographicContext;
    }

    /// <summary>The English model shipped with this assembly.</summary>
    public static PunktModel English => s_english.Value;

    public HashSet<string> Abbreviations { get; }

    public HashSet<(string First, string Second)> Collocations { get; }

    public HashSet<string> SentenceStarters { get; }

    public Dictionary<string, int> OrthographicContext { get; }

    public int ContextOf(string type) => OrthographicContext.TryGetValue(type, out var flags) ? flags : 0;

    private static PunktModel LoadEnglish()
    {
        const string ResourceName = "MassGen.Evaluation.punkt-english.tsv";
        using var stream = typeof(PunktModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var abbreviations = new HashSet<string>(StringComparer.Ordinal);
        var collocations = new HashSet<(string, string)>();
        var starters = new HashSet<string>(StringComparer.Ordinal);
        var ortho = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            switch (parts[0])
            {
                case "a":
                    abbreviations.Add(parts[1]);
                    break;
                case "c":
                    collocations.Add((parts[1], parts[2]));
                    break;
                case "s":
                    starters.Add(parts[1]);
                    break;
                case "o":
                    ortho[parts[1]] = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected line in {ResourceName}: {line}");
            }
        }

        return new PunktModel(abbreviations, collocations, starters, ortho);
    }
}
