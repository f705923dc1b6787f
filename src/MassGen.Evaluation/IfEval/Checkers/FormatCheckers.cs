using System.Text.Json;
using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary>
/// <c>detectable_format:number_bullet_lists</c>: exactly N lines starting (after whitespace) with <c>*</c>
/// not followed by another <c>*</c>, or with <c>-</c>; <c>***</c> dividers and inline asterisks do not count.
/// </summary>
internal sealed partial class BulletListsChecker(int bullets) : IInstructionChecker
{
    public bool IsFollowed(string response) =>
        StarBullet().Count(response) + DashBullet().Count(response) == bullets;

    [GeneratedRegex(@"^\s*\*[^\*].*$", RegexOptions.Multiline)]
    private static partial Regex StarBullet();

    [GeneratedRegex(@"^\s*-.*$", RegexOptions.Multiline)]
    private static partial Regex DashBullet();
}

/// <summary><c>detectable_format:constrained_response</c>: contains "My answer is yes.", "… no." or "… maybe.".</summary>
internal sealed class ConstrainedResponseChecker : IInstructionChecker
{
    private static readonly string[] s_options = ["My answer is yes.", "My answer is no.", "My answer is maybe."];

    public bool IsFollowed(string response)
    {
        var trimmed = response.Trim();
        return s_options.Any(o => trimmed.Contains(o, StringComparison.Ordinal));
    }
}

/// <summary>
/// <c>detectable_format:number_highlighted_sections</c>: at least N non-blank <c>*x*</c> spans on one line;
/// a <c>**x**</c> span counts as well (as the official checker counts both patterns).
/// </summary>
internal sealed partial class HighlightedSectionsChecker(int highlights) : IInstructionChecker
{
    public bool IsFollowed(string response)
    {
        var count = Single().Matches(response).Count(m => m.Value.Trim('*').Trim().Length != 0);
        count += Double().Matches(response).Count(m => m.Value[2..^2].Trim().Length != 0);
        return count >= highlights;
    }

    [GeneratedRegex(@"\*[^\n\*]*\*")]
    private static partial Regex Single();

    [GeneratedRegex(@"\*\*[^\n\*]*\*\*")]
    private static partial Regex Double();
}

/// <summary>
/// <c>detectable_format:multiple_sections</c>: at least N section markers, each the case-sensitive splitter
/// word followed by a number ("Section 1").
/// </summary>
internal sealed class MultipleSectionsChecker(string splitter, int sections) : IInstructionChecker
{
    private readonly Regex _marker = new(@"\s?" + splitter.Trim() + @"\s?\d+\s?", RegexOptions.None, TimeSpan.FromSeconds(5));

    public bool IsFollowed(string response) => _marker.Count(response) >= sections;
}

/// <summary>
/// <c>detectable_format:json_format</c>: the whole response, without surrounding whitespace and Markdown
/// code fences, parses as JSON.
/// </summary>
internal sealed class JsonFormatChecker : IInstructionChecker
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 1000 };

    public bool IsFollowed(string response)
    {
        var value = response.Trim();
        foreach (var fence in (string[])["```json", "```Json", "```JSON", "```"])
        {
            value = value.StartsWith(fence, StringComparison.Ordinal) ? value[fence.Length..] : value;
        }

        value = value.EndsWith("```", StringComparison.Ordinal) ? value[..^3] : value;
        try
        {
            using var document = JsonDocument.Parse(value.Trim(), s_options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary><c>detectable_format:title</c>: a non-blank <c>&lt;&lt;title&gt;&gt;</c> on one line, anywhere.</summary>
internal sealed partial class TitleChecker : IInstructionChecker
{
    public bool IsFollowed(string response) =>
        Title().Matches(response).Any(m => m.Value.TrimStart('<').TrimEnd('>').Trim().Length != 0);

    [GeneratedRegex(@"<<[^\n]+>>")]
    private static partial Regex Title();
}
