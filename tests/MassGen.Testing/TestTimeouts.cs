namespace MassGen.Testing;

/// <summary>Upper bounds for async tests, so a hang fails the test instead of blocking CI.</summary>
public static class TestTimeouts
{
    /// <summary>Bound for one async test in milliseconds (xunit <c>Timeout</c>).</summary>
    public const int Default = 30_000;

    /// <summary>
    /// Bound for a test that starts real processes (a <c>massgen</c> process, a sandbox, an MCP server): a cold .NET start
    /// on a loaded 2-core machine can take many seconds, and this bound only catches hangs.
    /// </summary>
    public const int Process = 120_000;

    /// <summary>
    /// Bound for a test whose processes form a cluster (several .NET starts, cluster membership agreed through the store,
    /// a JavaScript client): only catches hangs, and must not fire on a machine with every core busy.
    /// </summary>
    public const int Cluster = 300_000;
}
