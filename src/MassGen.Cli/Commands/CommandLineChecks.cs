using MassGen.Core.Text;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MassGen.Configuration;

namespace MassGen.Cli.Commands;

/// <summary>
/// The checks of a run's command line that the parser does not make: a word that looks like an option but is none
/// (it would silently become part of the question), an empty question, and the range of a number of seconds.
/// </summary>
internal static class CommandLineChecks
{
    /// <summary>
    /// The first word of the question that starts like an option (<c>-x</c>, <c>--name</c>) and came before <c>--</c>,
    /// as a usage message with the closest real option; <c>null</c> when there is none.
    /// </summary>
    public static string? UnknownOption(ParseResult parse, Argument<string[]> question, Command command)
    {
        var questionTokens = parse.GetResult(question)?.Tokens ?? [];
        var doubleDash = -1;
        for (var i = 0; i < parse.Tokens.Count; i++)
        {
            if (parse.Tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        // Everything after `--` is the question's; only the words before it can be mistyped options.
        var afterDoubleDash = doubleDash < 0 ? 0 : parse.Tokens.Count - doubleDash - 1;
        foreach (var token in questionTokens.Take(questionTokens.Count - afterDoubleDash))
        {
            if (!LooksLikeOption(token.Value))
            {
                continue;
            }

            var name = token.Value.Split('=', 2)[0];
            var options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-')).Distinct(StringComparer.Ordinal).ToList();
            var suggestion = NameSuggestions.Closest(name, options);
            return $"unknown option '{name}'"
                + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")
                + " (`massgen --help` lists the options; put a question that starts with '-' after --, e.g. massgen -- \"-x is ...\")";
        }

        return null;
    }

    /// <summary>A usage message when question words were given but all of them are blank.</summary>
    public static string? EmptyQuestion(IReadOnlyList<string> words) =>
        words.Count > 0 && words.All(string.IsNullOrWhiteSpace)
            ? "the question is empty: write it after massgen (massgen \"What is 2 + 2?\"), or leave it out for the interactive mode"
            : null;

    /// <summary>A number of seconds (greater than 0, at most a year), or a usage message naming <paramref name="option"/>.</summary>
    public static (double? Seconds, string? Problem) Seconds(string option, string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var range = string.Create(CultureInfo.InvariantCulture, $"greater than 0 and at most {ConfigLimits.MaxTimeoutSeconds}");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return (null, $"{option} must be a number of seconds {range}; got '{text}'");
        }

        return double.IsFinite(seconds) && seconds > 0 && seconds <= ConfigLimits.MaxTimeoutSeconds
            ? (seconds, null)
            : (null, $"{option} must be a number of seconds {range}; got {text}");
    }

    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && (char.IsAsciiLetter(word[1]) || (word.Length > 2 && word[1] == '-' && char.IsAsciiLetter(word[2])));
}
