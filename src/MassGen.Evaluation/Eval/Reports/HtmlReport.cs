using System.Globalization;
using System.Net;
using System.Text;

namespace MassGen.Evaluation.Eval.Reports;

/// <summary>report.html: the tables of report.md and an accuracy-vs-cost chart drawn as inline SVG (no script, nothing fetched).</summary>
internal static class HtmlReport
{
    private const int Width = 640, Height = 360, Left = 60, Right = 20, Top = 20, Bottom = 50;

    public static string Render(EvalReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>massgen eval: ").Append(Encode(report.Benchmark)).Append("</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}td:first-child,th:first-child{text-align:left}.partial{color:#a00;font-weight:bold}</style></head><body>\n");
        html.Append("<h1>massgen eval: ").Append(Encode(report.Benchmark)).Append("</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{report.Items} items × {report.Seeds} seed(s); {report.UnitsFinished} of {report.UnitsPlanned} units finished.</p>\n");
        if (!report.Complete)
        {
            html.Append("<p class=\"partial\">Partial report: ").Append(Encode(report.StopReason ?? "not every unit finished")).Append(".</p>\n");
        }

        html.Append(Chart(report));
        html.Append("<h2>Arms</h2>\n<table><tr><th>arm</th><th>n</th><th>correct</th><th>accuracy</th><th>95 % CI</th><th>errors</th><th>tokens</th><th>cost USD</th><th>wall s</th></tr>\n");
        foreach (var arm in report.Arms)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Encode(arm.Name)}</td><td>{arm.N}</td><td>{arm.Correct}</td><td>{ReportWriter.Percent(arm.Accuracy)}</td><td>{ReportWriter.Percent(arm.Ci95Low)} – {ReportWriter.Percent(arm.Ci95High)}</td><td>{arm.Errors}</td><td>{arm.Tokens}</td><td>{ReportWriter.Cost(arm.CostUsd)}</td><td>{arm.WallSeconds:0.0}</td></tr>\n");
        }

        html.Append("</table>\n");
        if (report.Comparisons.Count > 0)
        {
            html.Append("<h2>The team against each arm</h2>\n<table><tr><th>against</th><th>pairs</th><th>both right</th><th>only team</th><th>only other</th><th>both wrong</th><th>McNemar p</th><th>Holm p</th><th>difference</th><th>95 % CI</th></tr>\n");
            foreach (var c in report.Comparisons)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Encode(c.ArmB)}</td><td>{c.Pairs}</td><td>{c.BothRight}</td><td>{c.OnlyA}</td><td>{c.OnlyB}</td><td>{c.BothWrong}</td><td>{c.McnemarP:0.####}</td><td>{c.HolmP:0.####}</td><td>{ReportWriter.Points(c.Diff)}</td><td>{ReportWriter.Points(c.DiffCi95Low)} – {ReportWriter.Points(c.DiffCi95High)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<ul>");
        foreach (var note in report.Notes)
        {
            html.Append("<li>").Append(Encode(note)).Append("</li>");
        }

        return html.Append("</ul>\n</body></html>\n").ToString();
    }

    /// <summary>Each arm a point at (cost, accuracy) with its Wilson interval as a vertical bar; tokens on x when no cost is known.</summary>
    internal static string Chart(EvalReport report)
    {
        var arms = report.Arms.Where(a => a.Accuracy is not null).ToList();
        var byCost = arms.Any(a => a.CostUsd is > 0);
        double X(ArmSummary a) => byCost ? (double)(a.CostUsd ?? 0) : a.Tokens;
        var maxX = arms.Count == 0 ? 1 : Math.Max(arms.Max(X), 1e-9);
        double Px(double x) => Left + (x / maxX * (Width - Left - Right));
        double Py(double y) => Top + ((1 - y) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"accuracy against {(byCost ? "cost" : "tokens")} per arm\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Py(0):0.#}\" x2=\"{Width - Right}\" y2=\"{Py(0):0.#}\" stroke=\"#333\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Py(0):0.#}\" stroke=\"#333\"/>\n");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Py(tick) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{tick * 100:0}%</text><line x1=\"{Left}\" y1=\"{Py(tick):0.#}\" x2=\"{Width - Right}\" y2=\"{Py(tick):0.#}\" stroke=\"#eee\"/>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" font-size=\"12\" text-anchor=\"middle\">{(byCost ? "cost (USD)" : "tokens")}, 0 to {maxX.ToString("G4", CultureInfo.InvariantCulture)}</text>\n");
        foreach (var arm in arms)
        {
            var x = Px(X(arm));
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{Encode(arm.Name)}: {ReportWriter.Percent(arm.Accuracy)} ({ReportWriter.Percent(arm.Ci95Low)} – {ReportWriter.Percent(arm.Ci95High)})</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Py(arm.Ci95Low ?? 0):0.#}\" x2=\"{x:0.#}\" y2=\"{Py(arm.Ci95High ?? 1):0.#}\" stroke=\"#36c\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{Py(arm.Accuracy!.Value):0.#}\" r=\"4\" fill=\"{(arm.Name == ArmPlan.TeamArm ? "#c33" : "#36c")}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6:0.#}\" y=\"{Py(arm.Accuracy!.Value) - 6:0.#}\" font-size=\"11\">{Encode(arm.Name)}</text></g>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
