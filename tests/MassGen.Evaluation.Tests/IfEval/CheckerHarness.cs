using System.Text.Json;
using MassGen.Evaluation.IfEval;
using MassGen.Evaluation.IfEval.Text;

namespace MassGen.Evaluation.Tests.IfEval;

/// <summary>Builds a checker from an instruction id and kwargs JSON, as the scorer does, and runs it.</summary>
internal static class CheckerHarness
{
    public static bool Follows(string instructionId, string kwargsJson, string response, ILanguageIdentifier? languages = null)
    {
        using var document = JsonDocument.Parse(kwargsJson);
        var kwargs = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return IfEvalInstructions.Create(instructionId, kwargs, languages ?? new FixedLanguage("en")).IsFollowed(response);
    }
}

/// <summary>A language identifier that always answers the same, counting how often it was asked.</summary>
internal sealed class FixedLanguage(string? code) : ILanguageIdentifier
{
    public int Calls { get; private set; }

    public string? Identify(string text)
    {
        Calls++;
        return code;
    }
}
