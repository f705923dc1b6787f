using MassGen.Core.Text;
using System.Globalization;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Reads the keys of one mapping with type and range checks. Every key asked for is remembered as known, so the keys
/// left over at the end are reported as unknown with the closest known key as a suggestion.
/// </summary>
internal sealed class SectionReader
{
    private readonly ConfigMapping _mapping;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    private SectionReader(ConfigMapping mapping, string path, int line, ProblemSink problems)
    {
        _mapping = mapping;
        Path = path;
        Line = line;
        Problems = problems;
    }

    /// <summary>The path of the mapping.</summary>
    public string Path { get; }

    /// <summary>The line of the mapping's key (where a missing key is reported).</summary>
    public int Line { get; }

    public ProblemSink Problems { get; }

    /// <summary>
    /// A reader for <paramref name="node"/>: a mapping, or an empty one for null (<c>ui:</c> with nothing under it).
    /// Reports anything else and returns <c>null</c>.
    /// </summary>
    public static SectionReader? Open(ConfigNode? node, string path, int line, ProblemSink problems)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                return new SectionReader(mapping, path, line, problems);
            case null or ConfigScalar { Kind: ScalarKind.Null }:
                return new SectionReader(new ConfigMapping(line, []), path, line, problems);
            default:
                problems.Error(path, node.Line, $"must be a mapping (key: value lines); got {node.Describe()}");
                return null;
        }
    }

    /// <summary>Every key that has been declared known so far.</summary>
    public IEnumerable<string> KnownKeys => _known;

    /// <summary>Declares <paramref name="key"/> known and returns its entry when present (an explicit null counts as absent).</summary>
    public ConfigEntry? Take(string key)
    {
        _known.Add(key);
        _taken.Add(key);
        var entry = _mapping.Find(key);
        return entry is { Value: ConfigScalar { Kind: ScalarKind.Null } } ? null : entry;
    }

    /// <summary>Declares <paramref name="key"/> known and returns its entry even when its value is null.</summary>
    public ConfigEntry? TakeIncludingNull(string key)
    {
        _known.Add(key);
        _taken.Add(key);
        return _mapping.Find(key);
    }

    /// <summary>Declares keys known without reading them (for messages and suggestions).</summary>
    public void Declare(params string[] keys)
    {
        foreach (var key in keys)
        {
            _known.Add(key);
        }
    }

    public string PathOf(string key) => ConfigPath.Key(Path, key);

    /// <summary>The line of <paramref name="key"/>, or of the mapping when the key is not written.</summary>
    public int LineOf(string key) => _mapping.Find(key)?.Line ?? Line;

    public string? String(string key)
    {
        if (Take(key) is not { } entry)
        {
            return null;
        }

        if (entry.Value is ConfigScalar { Text: { } text })
        {
            return text;
        }

        Problems.Error(PathOf(key), entry.Line, $"must be a string; got {entry.Value.Describe()}");
        return null;
    }

    public bool? Bool(string key)
    {
        if (Take(key) is not { } entry)
        {
            return null;
        }

        if (entry.Value is ConfigScalar { Kind: ScalarKind.Bool, Text: { } text })
        {
            return ScalarResolver.ParseBool(text);
        }

        Problems.Error(PathOf(key), entry.Line, $"must be true or false; got {entry.Value.Describe()}");
        return null;
    }

    public long? Integer(string key, long min, long max = long.MaxValue) =>
        Take(key) is { } entry ? Integer(entry, PathOf(key), min, max, Problems) : null;

    public static long? Integer(ConfigEntry entry, string path, long min, long max, ProblemSink problems)
    {
        var value = entry.Value as ConfigScalar;
        if (value is not { Kind: ScalarKind.Integer or ScalarKind.Float, Text: { } text })
        {
            problems.Error(path, entry.Line, $"must be a whole number; got {entry.Value.Describe()}");
            return null;
        }

        if (value.Kind == ScalarKind.Float)
        {
            problems.Error(path, entry.Line, $"must be a whole number; got {text}");
            return null;
        }

        // A run of digits too long for 64 bits is out of range, not malformed.
        var parsed = ScalarResolver.TryParseInteger(text, out var number);
        if (!parsed || number < min || number > max)
        {
            var shown = parsed ? number.ToString(CultureInfo.InvariantCulture) : text;
            problems.Error(path, entry.Line, max == long.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"must be at least {min}; got {shown}")
                : string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}; got {shown}"));
            return null;
        }

        return number;
    }

    /// <summary>A duration in seconds: greater than 0 and at most <see cref="ConfigLimits.MaxTimeoutSeconds"/>, so it always fits a <see cref="TimeSpan"/>.</summary>
    public double? Seconds(string key) => Number(key, 0, ConfigLimits.MaxTimeoutSeconds, minExclusive: true);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], or above <paramref name="min"/> when <paramref name="minExclusive"/>.</summary>
    public double? Number(string key, double min, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        if (Take(key) is not { } entry)
        {
            return null;
        }

        if (entry.Value is not ConfigScalar { Kind: ScalarKind.Integer or ScalarKind.Float, Text: { } text }
            || !TryParseNumber(text, out var number))
        {
            Problems.Error(PathOf(key), entry.Line, $"must be a number; got {entry.Value.Describe()}");
            return null;
        }

        var tooLow = minExclusive ? number <= min : number < min;
        if (tooLow || number > max || !double.IsFinite(number))
        {
            var shown = number.ToString(CultureInfo.InvariantCulture);
            var message = (minExclusive, double.IsPositiveInfinity(max)) switch
            {
                _ when !double.IsFinite(number) && double.IsPositiveInfinity(max) => string.Create(CultureInfo.InvariantCulture, $"must be a finite number of at least {min}; got {shown}"),
                (true, true) => string.Create(CultureInfo.InvariantCulture, $"must be greater than {min}; got {shown}"),
                (true, false) => string.Create(CultureInfo.InvariantCulture, $"must be greater than {min} and at most {max}; got {shown}"),
                (false, true) => string.Create(CultureInfo.InvariantCulture, $"must be at least {min}; got {shown}"),
                (false, false) => string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}; got {shown}"),
            };
            Problems.Error(PathOf(key), entry.Line, message);
            return null;
        }

        return number;
    }

    private static bool TryParseNumber(string text, out double number)
    {
        if (ScalarResolver.TryParseInteger(text, out var integer))
        {
            number = integer;
            return true;
        }

        return ScalarResolver.TryParseFloat(text, out number);
    }

    /// <summary>One of <paramref name="choices"/> (names as written in the file), with a suggestion for a near miss.</summary>
    public T? Choice<T>(string key, params (string Name, T Value)[] choices)
        where T : struct
    {
        if (String(key) is not { } text)
        {
            return null;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var names = choices.Select(c => c.Name).Distinct().ToList();
        var suggestion = NameSuggestions.Closest(text, names);
        Problems.Error(PathOf(key), Take(key)!.Line, $"must be one of {string.Join(", ", names)}; got '{text}'"
            + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
        return null;
    }

    /// <summary>A list of strings (numbers are taken as their text).</summary>
    public IReadOnlyList<string>? StringList(string key)
    {
        if (Take(key) is not { } entry)
        {
            return null;
        }

        if (entry.Value is not ConfigSequence sequence)
        {
            Problems.Error(PathOf(key), entry.Line, $"must be a list; got {entry.Value.Describe()}");
            return null;
        }

        var items = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is ConfigScalar { Text: { } text })
            {
                items.Add(text);
            }
            else
            {
                Problems.Error(ConfigPath.Index(PathOf(key), i), sequence.Items[i].Line, $"must be a string; got {sequence.Items[i].Describe()}");
            }
        }

        return items;
    }

    /// <summary>A mapping of names to strings (environment variables, headers).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        if (Take(key) is not { } entry)
        {
            return null;
        }

        if (entry.Value is not ConfigMapping mapping)
        {
            Problems.Error(PathOf(key), entry.Line, $"must be a mapping of names to values; got {entry.Value.Describe()}");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in mapping.Entries)
        {
            if (item.Value is ConfigScalar { Text: { } text })
            {
                result[item.Key] = text;
            }
            else
            {
                Problems.Error(ConfigPath.Key(PathOf(key), item.Key), item.Line, $"must be a string; got {item.Value.Describe()}");
            }
        }

        return result;
    }

    /// <summary>
    /// A key of the original MassGen whose feature does not exist here: a warning naming it, unless its value leaves
    /// the feature off (<c>false</c>, null, an empty list, or a mapping with <c>enabled: false</c>).
    /// </summary>
    public void Unsupported(string key, string message)
    {
        if (Take(key) is { } entry && !IsOff(entry.Value))
        {
            Problems.Warning(PathOf(key), entry.Line, message);
        }
    }

    private static bool IsOff(ConfigNode value) => value switch
    {
        ConfigScalar { Kind: ScalarKind.Bool, Text: { } text } => !ScalarResolver.ParseBool(text),
        ConfigSequence { Items.Count: 0 } => true,
        ConfigMapping mapping => mapping.Entries.Count == 0
            || mapping.Find("enabled") is { Value: ConfigScalar { Kind: ScalarKind.Bool, Text: { } enabled } } && !ScalarResolver.ParseBool(enabled),
        _ => false,
    };

    /// <summary>Keys not read (yet).</summary>
    public IEnumerable<ConfigEntry> Remaining => _mapping.Entries.Where(e => !_taken.Contains(e.Key));

    /// <summary>Reports every key not read as unknown, with the closest known key or the list of known keys.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var entry in Remaining.ToList())
        {
            _taken.Add(entry.Key);
            var suggestion = NameSuggestions.Closest(entry.Key, _known);
            Problems.Error(PathOf(entry.Key), entry.Line, suggestion is not null
                ? $"unknown key '{entry.Key}'; did you mean '{suggestion}'?"
                : $"unknown key '{entry.Key}'; expected one of: {string.Join(", ", _known.Order(StringComparer.Ordinal))}");
        }
    }
}
