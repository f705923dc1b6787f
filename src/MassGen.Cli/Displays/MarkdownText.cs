using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace MassGen.Cli.Displays;

/// <summary>
/// Turns the markdown models usually write (headings, lists, fences, bold, inline code) into Spectre markup. Not a full
/// markdown engine: enough that a final answer reads well in a terminal, and never a markup error from model text.
/// </summary>
internal static partial class MarkdownText
{
    public static Markup Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var output = new StringBuilder();
        var inFence = false;
        foreach (var rawLine in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                output.Append("[grey]").Append(inFence ? "┌──" : "└──").Append("[/]\n");
                continue;
            }

            if (inFence)
            {
                output.Append("[grey]│[/] [aqua]").Append(Markup.Escape(line)).Append("[/]\n");
                continue;
            }

            var heading = HeadingPattern().Match(line);
            if (heading.Success)
            {
                var style = heading.Groups[1].Length == 1 ? "bold underline" : "bold";
                output.Append('[').Append(style).Append(']').Append(Inline(heading.Groups[2].Value)).Append("[/]\n");
                continue;
            }

            var bullet = BulletPattern().Match(line);
            if (bullet.Success)
            {
                output.Append(bullet.Groups[1].Value).Append("• ").Append(Inline(bullet.Groups[2].Value)).Append('\n');
                continue;
            }

            output.Append(Inline(line)).Append('\n');
        }

        return new Markup(output.ToString().TrimEnd('\n'));
    }

    private static string Inline(string text)
    {
        // Escape first so brackets in model text can never be read as markup; the patterns below add the only tags.
        var escaped = Markup.Escape(text);
        escaped = CodePattern().Replace(escaped, "[aqua]$1[/]");
        escaped = BoldPattern().Replace(escaped, "[bold]$1[/]");
        return escaped;
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^(\s*)[-*+]\s+(.*)$")]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex BoldPattern();
}
