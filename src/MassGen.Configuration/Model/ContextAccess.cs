namespace MassGen.Configuration;

/// <summary>What agents may do with a context path.</summary>
public enum ContextAccess
{
    /// <summary>Read-only for every agent.</summary>
    Read,

    /// <summary>Read-only during coordination; writable for the final presenter.</summary>
    Write,
}
