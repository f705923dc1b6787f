using System.Text.Json;

namespace MassGen.Evaluation.IfEval;

/// <summary>One IFEval input line: a prompt and the verifiable instructions it contains.</summary>
/// <param name="Key">The official numeric key.</param>
/// <param name="Prompt">The prompt text; responses are joined to prompts by this exact text.</param>
/// <param name="InstructionIds">The instruction ids, for example <c>punctuation:no_comma</c>.</param>
/// <param name="Kwargs">The arguments of each instruction, in the same order (an empty object when none).</param>
public sealed record IfEvalPrompt(
    int Key,
    string Prompt,
    IReadOnlyList<string> InstructionIds,
    IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Kwargs);
