namespace MassGen.Configuration.Internal;

/// <summary>
/// A format-neutral node of a configuration document (YAML and JSON both become this), carrying the 1-based line it
/// starts on so every problem can point at the file.
/// </summary>
internal abstract class ConfigNode(int line)
{
    /// <summary>1-based line where the node starts.</summary>
    public int Line { get; } = line;

    /// <summary>How the node is named in messages ("a string", "a list"…).</summary>
    public abstract string Describe();
}

/// <summary>The resolved kind of a scalar (YAML 1.2 core schema for plain scalars; quoted scalars are strings).</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Integer,
    Float,
    String,
}

/// <summary>A scalar value with its source text.</summary>
internal sealed class ConfigScalar(int line, string? text, ScalarKind kind, bool plain) : ConfigNode(line)
{
    /// <summary>The source text (null only for an explicit null).</summary>
    public string? Text { get; } = text;

    /// <summary>The resolved kind.</summary>
    public ScalarKind Kind { get; } = kind;

    /// <summary>True when the scalar was unquoted, so its kind came from its text and may change after <c>${VAR}</c> expansion.</summary>
    public bool Plain { get; } = plain;

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => $"the boolean {Text}",
        ScalarKind.Integer or ScalarKind.Float => $"the number {Text}",
        _ => $"the string '{Text}'",
    };
}

/// <summary>A list.</summary>
internal sealed class ConfigSequence(int line, IReadOnlyList<ConfigNode> items) : ConfigNode(line)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    public override string Describe() => "a list";
}

/// <summary>One key of a mapping with the line of the key.</summary>
internal sealed record ConfigEntry(string Key, int Line, ConfigNode Value);

/// <summary>A mapping in source order.</summary>
internal sealed class ConfigMapping(int line, IReadOnlyList<ConfigEntry> entries) : ConfigNode(line)
{
    public IReadOnlyList<ConfigEntry> Entries { get; } = entries;

    public ConfigEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }

    public override string Describe() => "a mapping";
}
