using System.Globalization;
using System.Text;

namespace MassGen.Core.Prompts;

/// <summary>
/// Texts that <c>massgen eval</c> shows models: the benchmark questions' framing and the council chairman's synthesis
/// request. Kept with the other prompts so every text a model sees lives in one place.
/// </summary>
public static class EvaluationPrompts
{
    /// <summary>A grade-school maths problem, asking for the final number in a form the scorer reads.</summary>
    public static string MathProblem(string question) =>
        question + "\n\nSolve the problem step by step, then give the final number on the last line as \"#### <number>\".";

    /// <summary>A multiple-choice question with its options labelled A, B, C…, and an optional text it is about.</summary>
    public static string MultipleChoice(string? context, string question, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(context))
        {
            text.Append(context.Trim()).Append("\n\n");
        }

        text.Append(question.Trim()).Append("\n\n");
        for (var i = 0; i < choices.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(char)('A' + i)}) {choices[i]}\n");
        }

        return text.Append("\nThink it through, then end with \"Answer: <letter>\".").ToString();
    }

    /// <summary>
    /// The chairman's request in the council arm: the task and the members' anonymous answers, in a fixed order, and
    /// one final answer in the form the task asks for.
    /// </summary>
    public static string CouncilSynthesis(string task, IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var text = new StringBuilder("<ORIGINAL TASK>\n").Append(task).Append("\n</ORIGINAL TASK>\n\n<ANSWERS>\n");
        for (var i = 0; i < answers.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"<answer{i + 1}>\n{answers[i]}\n</answer{i + 1}>\n");
        }

        return text.Append("</ANSWERS>\n\nSeveral assistants answered the task independently (above, anonymous and in no particular order). "
            + "Weigh them, correct what is wrong, and write the single best final answer to the task, in exactly the form the task asks for. "
            + "Do not mention the other answers.").ToString();
    }
}
