namespace MassGen.Configuration;

/// <summary>
/// The limits that keep a wrong or hostile file from hanging the tool or exhausting memory. A real configuration is a
/// few kilobytes with a few hundred nodes, so each limit is far above anything legitimate.
/// </summary>
public static class ConfigLimits
{
    /// <summary>The largest configuration file read (4 MB).</summary>
    public const long MaxFileBytes = 4L * 1024 * 1024;

    /// <summary>The largest <c>.env</c> file read (1 MB).</summary>
    public const long MaxEnvFileBytes = 1024L * 1024;

    /// <summary>How deep mappings and lists may nest; checked before the document is built, so deep input cannot overflow the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes the document may have once every alias is expanded (a "billion laughs" file stops here).</summary>
    public const int MaxNodes = 100_000;

    /// <summary>How many problems a report lists before it says "and N more".</summary>
    public const int MaxListedProblems = 50;

    /// <summary>The longest duration in seconds a timeout may be set to (one year), so every timeout fits a <see cref="TimeSpan"/>.</summary>
    public const double MaxTimeoutSeconds = 365 * 24 * 3600;
}
