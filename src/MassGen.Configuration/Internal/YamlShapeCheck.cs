using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Walks the YAML event stream (the parser is a state machine, so this never recurses) before the document is built:
/// deep nesting is rejected before the recursive builder could overflow the stack, and the node count with every
/// alias expanded is bounded before an alias bomb ("billion laughs") can grow. Syntax errors are left to the builder,
/// which reports them with the same line.
/// </summary>
internal static class YamlShapeCheck
{
    public static void Check(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchorSizes = new Dictionary<AnchorName, long>();
        var open = new Stack<(AnchorName Anchor, long NodesBefore)>();
        long nodes = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case NodeEvent { Anchor: var anchor } start when start is MappingStart or SequenceStart:
                        open.Push((anchor, nodes));
                        nodes++;
                        if (open.Count > ConfigLimits.MaxDepth)
                        {
                            throw new ConfigSyntaxException(Line(start), TooDeep);
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        {
                            var (anchor, before) = open.Pop();
                            if (!anchor.IsEmpty)
                            {
                                anchorSizes[anchor] = nodes - before;
                            }

                            break;
                        }

                    case Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchorSizes[scalar.Anchor] = 1;
                        }

                        break;
                    case AnchorAlias alias:
                        nodes += anchorSizes.TryGetValue(alias.Value, out var size) ? size : 1;
                        break;
                    default:
                        break;
                }

                if (nodes > ConfigLimits.MaxNodes)
                {
                    throw new ConfigSyntaxException(Line(parser.Current!), TooManyNodes);
                }
            }
        }
        catch (YamlException)
        {
            // Reported by the builder with its position.
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed text (a line inside a
            // [ ] or { } collection that starts with '%'); the builder would meet it too, so it is reported here.
            var line = parser.Current is { } last ? (int)Math.Min(last.End.Line, int.MaxValue) : 1;
            throw new ConfigSyntaxException(line, Unscannable);
        }
    }

    public const string Unscannable =
        "not valid YAML: the text after this line cannot be read (a line inside [ ] or { } that starts with '%'? Quote such values)";

    public static readonly string TooDeep = string.Create(CultureInfo.InvariantCulture,
        $"the document nests more than {ConfigLimits.MaxDepth} levels deep; a configuration is never this deep (a recursive alias, or a file that is not a configuration?)");

    public static readonly string TooManyNodes = string.Create(CultureInfo.InvariantCulture,
        $"the document has more than {ConfigLimits.MaxNodes} values once its aliases are expanded (aliases of aliases?); a configuration is far smaller");

    private static int Line(ParsingEvent e) => (int)Math.Min(e.Start.Line, int.MaxValue);
}
