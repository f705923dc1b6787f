using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MassGen.Evaluation.Eval.Reports;

/// <summary>Writes report.json, report.md and report.html (with its inline SVG chart) and returns report.json's text.</summary>
internal static class ReportWriter
{
    public static string WriteAll(EvalReport report, string directory)
    {
        var json = JsonSerializer.Serialize(report, EvalJson.Indented) + "\n";
        EvalManifest.AtomicWrite(Path.Combine(directory, "report.json"), json);
        EvalManifest.AtomicWrite(Path.Combine(directory, "report.md"), Markdown(report));
        EvalManifest.AtomicWrite(Path.Combine(directory, "report.html"), HtmlReport.Render(report));
        return json;
    }

    public static string Markdown(EvalReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# massgen eval: {report.Benchmark}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{report.Items} items × {report.Seeds} seed(s); {report.UnitsFinished} of {report.UnitsPlanned} item × arm × seed units finished.\n\n");
        if (!report.Complete)
        {
            text.Append(CultureInfo.InvariantCulture, $"**Partial report: {report.StopReason ?? "not every unit finished"}.**\n\n");
        }

        text.Append("| arm | n | correct | accuracy | 95 % CI (Wilson) | errors | tokens | cost USD | wall s |\n|---|---:|---:|---:|---|---:|---:|---:|---:|\n");
        foreach (var arm in report.Arms)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {arm.Name} | {arm.N} | {arm.Correct} | {Percent(arm.Accuracy)} | {Percent(arm.Ci95Low)} – {Percent(arm.Ci95High)} | {arm.Errors} | {arm.Tokens} | {Cost(arm.CostUsd)} | {arm.WallSeconds:0.0} |\n");
        }

        if (report.Comparisons.Count > 0)
        {
            text.Append("\n## The team against each arm\n\nPaired on the item × seed units both arms scored; p-values from the exact McNemar test, Holm-corrected across the comparisons below; the difference's interval is a percentile paired bootstrap.\n\n");
            text.Append("| against | pairs | both right | only team | only other | both wrong | McNemar p | Holm p | difference | 95 % CI |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            foreach (var c in report.Comparisons)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| {c.ArmB} | {c.Pairs} | {c.BothRight} | {c.OnlyA} | {c.OnlyB} | {c.BothWrong} | {c.McnemarP:0.####} | {c.HolmP:0.####} | {Points(c.Diff)} | {Points(c.DiffCi95Low)} – {Points(c.DiffCi95High)} |\n");
            }
        }

        if (report.BestSingle is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nBest single member: {report.BestSingle}, chosen on {report.BestSingleSelectedOn}.");
            if (report.Rescue is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" Rescue (team right, best single wrong): {report.Rescue}; harm (the reverse): {report.Harm}.");
            }

            text.Append('\n');
        }

        if (report.SelfConsistencyK is { } k)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nSelf-consistency: {k} samples of the best single member per item.\n");
        }

        if (report.Team is { } team)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\nTeam runs: {team.Runs}; mean rounds {team.MeanRounds:0.##}; answers per agent {team.AnswersPerAgent:0.##}; self-vote rate {Percent(team.SelfVoteRate)}; first answer wins {Percent(team.FirstAnswerWinRate)}; flips {team.Flips}; ties {team.Ties}.\n");
        }

        foreach (var arm in report.NotApplicable)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{arm}: not applicable to {report.Benchmark} (free-text answers cannot be voted on without the checker, which would use the gold).\n");
        }

        if (report.UnitsWithUnknownCost > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{report.UnitsWithUnknownCost} unit(s) used a model without a known price; their cost is left out.\n");
        }

        foreach (var note in report.Notes)
        {
            text.Append("\n* ").Append(note);
        }

        return text.Append('\n').ToString();
    }

    internal static string Percent(double? fraction) =>
        fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{100 * f:0.0} %") : "–";

    internal static string Points(double? difference) =>
        difference is { } d ? string.Create(CultureInfo.InvariantCulture, $"{100 * d:+0.0;-0.0;0.0} pt") : "–";

    internal static string Cost(decimal? cost) => cost is { } c ? c.ToString("0.####", CultureInfo.InvariantCulture) : "unknown";
}
