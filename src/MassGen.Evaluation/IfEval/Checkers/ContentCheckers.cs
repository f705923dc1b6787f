using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary><c>detectable_content:number_placeholders</c>: at least N <c>[…]</c> placeholders.</summary>
internal sealed partial class PlaceholdersChecker(int placeholders) : IInstructionChecker
{
    public bool IsFollowed(string response) => Placeholder().Count(response) >= placeholders;

    [GeneratedRegex(@"\[.*?\]")]
    private static partial Regex Placeholder();
}

/// <summary>
/// <c>detectable_content:postscript</c>: a line containing the marker, case-insensitively; "P.S." also
/// accepts "P. S.", "P.P.S" also accepts "P. P. S". Another marker is matched literally as a pattern.
/// </summary>
internal sealed class PostscriptChecker : IInstructionChecker
{
    private readonly Regex _pattern;

    public PostscriptChecker(string marker)
    {
        var trimmed = marker.Trim();
        var pattern = trimmed switch
        {
            "P.P.S" => @"\s*p\.\s?p\.\s?s.*$",
            "P.S." => @"\s*p\.\s?s\..*$",
            _ => @"\s*" + trimmed.ToLowerInvariant() + ".*$",
        };
        _pattern = new Regex(pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(5));
    }

    public bool IsFollowed(string response) => _pattern.IsMatch(response.ToLowerInvariant());
}
