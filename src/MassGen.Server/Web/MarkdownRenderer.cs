using Ganss.Xss;
using Markdig;

namespace MassGen.Server.Web;

/// <summary>
/// Final answers as HTML for the web view. Model text is untrusted: raw HTML in it is shown as text (Markdig with HTML
/// disabled), and the result is sanitized again (only formatting elements, http/https/mailto links), so no script,
/// event handler or <c>javascript:</c> link can reach the page.
/// </summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer s_sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return s_sanitizer.Sanitize(Markdown.ToHtml(markdown, s_pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        // Pictures would be fetched from wherever the model pointed; the view fetches nothing.
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }
}
