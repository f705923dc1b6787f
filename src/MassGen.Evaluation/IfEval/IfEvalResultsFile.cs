using System.Text;

namespace MassGen.Evaluation.IfEval;

/// <summary>
/// Writes verdicts in the official output format (<c>eval_results_strict.jsonl</c> /
/// <c>eval_results_loose.jsonl</c>): one object per input line with the fields in alphabetical order,
/// serialised as the reference tool does (ASCII only, <c>", "</c> and <c>": "</c> separators), so outputs
/// can be compared byte for byte.
/// </summary>
public static class IfEvalResultsFile
{
    /// <summary>Writes the verdicts to <paramref name="path"/>, one line each, in order.</summary>
    public static void Write(string path, IReadOnlyList<IfEvalVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        foreach (var verdict in verdicts)
        {
            writer.Write(FormatLine(verdict));
            writer.Write('\n');
        }
    }

    /// <summary>One output line (without the line break).</summary>
    public static string FormatLine(IfEvalVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var builder = new StringBuilder();
        builder.Append("{\"follow_all_instructions\": ").Append(verdict.FollowAllInstructions ? "true" : "false");
        builder.Append(", \"follow_instruction_list\": [");
        builder.AppendJoin(", ", verdict.FollowInstructionList.Select(f => f ? "true" : "false"));
        builder.Append("], \"instruction_id_list\": [");
        for (var i = 0; i < verdict.Prompt.InstructionIds.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            PythonJson.AppendString(builder, verdict.Prompt.InstructionIds[i]);
        }

        builder.Append("], \"prompt\": ");
        PythonJson.AppendString(builder, verdict.Prompt.Prompt);
        builder.Append(", \"response\": ");
        PythonJson.AppendString(builder, verdict.Response);
        builder.Append('}');
        return builder.ToString();
    }
}
