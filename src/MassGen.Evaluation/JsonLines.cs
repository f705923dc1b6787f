using System.Text.Json;
using MassGen.Shared;

namespace MassGen.Evaluation;

/// <summary>Reads JSON Lines files one object per non-blank line, with errors naming the file and line.</summary>
internal static class JsonLines
{
    public static IEnumerable<(int Line, JsonElement Value)> Read(string path)
    {
        CheckFile(path);
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
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                throw new EvaluationDataException($"{path}:{lineNumber}: not valid JSON ({e.Message}). Each line must be one JSON object.", e);
            }

            CheckText(value, $"{path}:{lineNumber}");
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new EvaluationDataException($"{path}:{lineNumber}: expected a JSON object, found {value.ValueKind}.");
            }

            yield return (lineNumber, value);
        }
    }

    /// <summary>The largest benchmark file read (256 MB; the public sets are a few megabytes).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Fails with a clear message unless <paramref name="path"/> is an existing regular file within <see cref="MaxFileBytes"/>.</summary>
    public static void CheckFile(string path)
    {
        if (InputFile.Problem(path, MaxFileBytes, "benchmark file") is { } problem)
        {
            throw new EvaluationDataException(problem);
        }

        if (!File.Exists(path))
        {
            throw new EvaluationDataException($"File not found: {path}. Check the path.");
        }
    }

    /// <summary>
    /// Fails when a string or key of <paramref name="value"/> cannot become .NET text (a lone surrogate such as
    /// <c>"\ud800"</c>), so the readers, which call <see cref="JsonElement.GetString"/>, never meet one.
    /// </summary>
    public static void CheckText(JsonElement value, string where)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            try
            {
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = element.GetString();
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray())
                        {
                            pending.Push(item);
                        }

                        break;
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            _ = property.Name;
                            pending.Push(property.Value);
                        }

                        break;
                    default:
                        break;
                }
            }
            catch (InvalidOperationException e)
            {
                throw new EvaluationDataException($"{where}: a string is not valid text (a lone surrogate escape such as \\ud800?). Fix or remove it.", e);
            }
        }
    }

    public static string RequiredString(string path, int line, JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String
            ? property.GetString()!
            : throw new EvaluationDataException($"{path}:{line}: the field \"{name}\" must be a string.");
}
