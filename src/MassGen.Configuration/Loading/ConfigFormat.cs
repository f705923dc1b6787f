namespace MassGen.Configuration;

/// <summary>The syntax of a configuration text.</summary>
public enum ConfigFormat
{
    /// <summary>YAML (<c>.yaml</c>, <c>.yml</c>).</summary>
    Yaml,

    /// <summary>JSON with the same structure (<c>.json</c>).</summary>
    Json,
}
