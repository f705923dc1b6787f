using System.Text.Json;

namespace MassGen.Evaluation.IfEval;

/// <summary>Reads the official IFEval input and response files.</summary>
public static class IfEvalData
{
    /// <summary>
    /// Reads an input file: one <c>{key, prompt, instruction_id_list, kwargs}</c> object per line.
    /// </summary>
    /// <exception cref="EvaluationDataException">The file is missing or a line is malformed.</exception>
    public static IReadOnlyList<IfEvalPrompt> ReadPrompts(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var prompts = new List<IfEvalPrompt>();
        foreach (var (line, value) in JsonLines.Read(path))
        {
            if (!value.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.Number || !keyElement.TryGetInt32(out var key))
            {
                throw new EvaluationDataException($"{path}:{line}: the field \"key\" must be an integer.");
            }

            var prompt = JsonLines.RequiredString(path, line, value, "prompt");
            if (!value.TryGetProperty("instruction_id_list", out var ids) || ids.ValueKind != JsonValueKind.Array
                || ids.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw new EvaluationDataException($"{path}:{line}: \"instruction_id_list\" must be a list of strings.");
            }

            if (!value.TryGetProperty("kwargs", out var kwargs) || kwargs.ValueKind != JsonValueKind.Array
                || kwargs.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object)
                || kwargs.GetArrayLength() != ids.GetArrayLength())
            {
                throw new EvaluationDataException(
                    $"{path}:{line}: \"kwargs\" must be a list of objects, one per instruction id ({ids.GetArrayLength()}).");
            }

            prompts.Add(new IfEvalPrompt(
                key,
                prompt,
                [.. ids.EnumerateArray().Select(e => e.GetString()!)],
                [.. kwargs.EnumerateArray().Select(ToDictionary)]));
        }

        return prompts;
    }

    /// <summary>
    /// Reads a response file: one <c>{prompt, response}</c> object per line, keyed by the exact prompt text
    /// (a later line for the same prompt replaces an earlier one, as in the official evaluator).
    /// </summary>
    /// <exception cref="EvaluationDataException">The file is missing or a line is malformed.</exception>
    public static IReadOnlyDictionary<string, string> ReadResponses(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var responses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, value) in JsonLines.Read(path))
        {
            responses[JsonLines.RequiredString(path, line, value, "prompt")] = JsonLines.RequiredString(path, line, value, "response");
        }

        return responses;
    }

    // A name given twice keeps its last value, as the official evaluator's JSON reader does.
    private static IReadOnlyDictionary<string, JsonElement> ToDictionary(JsonElement kwargs)
    {
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in kwargs.EnumerateObject())
        {
            arguments[property.Name] = property.Value;
        }

        return arguments;
    }
}
