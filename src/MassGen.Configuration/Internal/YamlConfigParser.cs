using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Parses YAML with YamlDotNet's representation model (so every node keeps its line) into <see cref="ConfigNode"/>s.
/// Anchors and aliases are resolved by YamlDotNet; merge keys (<c>&lt;&lt;: *base</c>) are applied here.
/// </summary>
internal static class YamlConfigParser
{
    private const string MergeKey = "<<";

    public static ConfigNode? Parse(string text)
    {
        YamlShapeCheck.Check(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigSyntaxException(checked((int)ex.Start.Line), $"not valid YAML: {Describe(ex)}");
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigSyntaxException(checked((int)stream.Documents[1].RootNode.Start.Line), "the file holds several YAML documents (separated by ---); a configuration is one document");
        }

        return Convert(stream.Documents[0].RootNode, depth: 0);
    }

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes its messages with the location, which the report already shows.
        var message = ex.InnerException is YamlException inner && inner.Message.Length > 0 ? inner.Message : ex.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        message = message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
        const string duplicate = "Duplicate key ";
        return message.StartsWith(duplicate, StringComparison.Ordinal)
            ? $"duplicate key '{message[duplicate.Length..]}'; a key may appear only once in a mapping"
            : message;
    }

    private static ConfigNode Convert(YamlNode node, int depth)
    {
        // Aliases can make a cycle; a configuration is never this deep.
        if (depth > ConfigLimits.MaxDepth)
        {
            throw new ConfigSyntaxException(Line(node), YamlShapeCheck.TooDeep);
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                {
                    var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
                    var value = scalar.Value ?? string.Empty;
                    var kind = plain ? ScalarResolver.Resolve(value) : ScalarKind.String;
                    if (scalar.Tag is { IsEmpty: false, IsNonSpecific: false } && scalar.Tag.Value == "tag:yaml.org,2002:str")
                    {
                        kind = ScalarKind.String;
                    }

                    return new ConfigScalar(Line(node), kind == ScalarKind.Null ? null : value, kind, plain);
                }

            case YamlSequenceNode sequence:
                return new ConfigSequence(Line(node), [.. sequence.Children.Select(child => Convert(child, depth + 1))]);
            case YamlMappingNode mapping:
                return ConvertMapping(mapping, depth);
            default:
                throw new ConfigSyntaxException(Line(node), $"unsupported YAML node {node.NodeType}");
        }
    }

    private static ConfigMapping ConvertMapping(YamlMappingNode mapping, int depth)
    {
        var entries = new List<ConfigEntry>();
        var merged = new List<ConfigEntry>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new ConfigSyntaxException(Line(keyNode), "mapping keys must be plain strings");
            }

            if (key == MergeKey && keyNode is YamlScalarNode { Style: ScalarStyle.Plain })
            {
                merged.AddRange(MergeSources(valueNode, depth));
                continue;
            }

            entries.Add(new ConfigEntry(key, Line(keyNode), Convert(valueNode, depth + 1)));
        }

        // Keys written in the mapping itself win over merged ones (YAML merge-key semantics).
        foreach (var entry in merged)
        {
            if (!entries.Exists(e => e.Key == entry.Key))
            {
                entries.Add(entry);
            }
        }

        return new ConfigMapping(Line(mapping), entries);
    }

    private static List<ConfigEntry> MergeSources(YamlNode value, int depth)
    {
        var sources = value is YamlSequenceNode list ? list.Children : (IEnumerable<YamlNode>)[value];
        var result = new List<ConfigEntry>();
        foreach (var source in sources)
        {
            if (Convert(source, depth + 1) is not ConfigMapping mapping)
            {
                throw new ConfigSyntaxException(Line(source), "a merge key (<<) must refer to a mapping or a list of mappings");
            }

            foreach (var entry in mapping.Entries)
            {
                if (!result.Exists(e => e.Key == entry.Key))
                {
                    result.Add(entry);
                }
            }
        }

        return result;
    }

    private static int Line(YamlNode node) => checked((int)node.Start.Line);
}
