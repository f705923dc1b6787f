namespace MassGen.Providers.Gemini;

/// <summary>What differs between Gemini model generations, decided by the model name.</summary>
public static class GeminiModels
{
    /// <summary>
    /// True for Gemini 3 and later, which accept built-in tools (Google Search, code execution) together with function
    /// declarations when <c>toolConfig.includeServerSideToolInvocations</c> is set. Gemini 2.x refuses the mix with
    /// HTTP 400 "Tool use with function calling is unsupported".
    /// </summary>
    public static bool CombinesBuiltInAndFunctionTools(string? model) => Generation(model) >= 3;

    /// <summary>True when the model thinks and can stream thought summaries (Gemini 2.5 and later).</summary>
    public static bool Thinks(string? model) => Generation(model) >= 2.5m;

    /// <summary>True when thinking is tuned with <c>thinkingLevel</c> (Gemini 3) rather than <c>thinkingBudget</c>.</summary>
    public static bool UsesThinkingLevel(string? model) => Generation(model) >= 3;

    // "gemini-2.5-flash-lite" -> 2.5, "gemini-3-pro-preview" -> 3, "models/gemini-2.0-flash" -> 2.0; unknown -> 0.
    private static decimal Generation(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return 0;
        }

        var name = model.Trim();
        var slash = name.LastIndexOf('/');
        name = slash >= 0 ? name[(slash + 1)..] : name;
        if (!name.StartsWith("gemini-", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var version = name["gemini-".Length..].Split('-')[0];
        return decimal.TryParse(version, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
