namespace MassGen.Tools.Settings;

/// <summary>What a context path allows (<c>permission:</c> in the configuration).</summary>
public enum ContextPathAccess
{
    /// <summary>Readable by every agent, always.</summary>
    Read,

    /// <summary>Readable by every agent; writable by the final presenter only (never during coordination).</summary>
    Write,
}
