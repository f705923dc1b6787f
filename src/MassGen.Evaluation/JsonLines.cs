using System.Text.Json;

namespace MassGen.Evaluation;

/// <summary>Reads JSON Lines files one object per non-blank line, with errors naming the file and line.</summary>
internal static class JsonLines
{
    public static IEnumerable<(int Line, JsonElement Value)> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new EvaluationDataException($"File not found: {path}. Check the path.");
        }

        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            JsonElement value;
            try
            {
                using var document = JsonDocument.Parse(line);
                value = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new EvaluationDataException($"{path}:{lineNumber}: not valid JSON ({e.Message}). Each line must be one JSON object.", e);
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new EvaluationDataException($"{path}:{lineNumber}: expected a JSON object, found {value.ValueKind}.");
            }

            yield return (lineNumber, value);
        }
    }

    public static string RequiredString(string path, int line, JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String
            ? property.GetString()!
            : throw new EvaluationDataException($"{path}:{line}: the field \"{name}\" must be a string.");
}
