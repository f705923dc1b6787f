namespace MassGen.Testing;

/// <summary>
/// Upper bounds for async tests, so a hang fails the test instead of blocking CI. They only catch hangs: no test may
/// come near them by being slow. On a 2-core machine that others load heavily (load average 50 and more), tests whose
/// own work takes a few seconds were measured at 25 to 30 s (the first test of a class pays for the JIT of the
/// server, the HTTP client and the serialisers), and process tests at close to two minutes.
/// </summary>
public static class TestTimeouts
{
    /// <summary>Bound for one async test in milliseconds (xunit <c>Timeout</c>).</summary>
    public const int Default = 120_000;

    /// <summary>
    /// Bound for a test that starts real processes (a <c>massgen</c> process, a sandbox, an MCP server, a browser): a
    /// cold .NET start on a loaded 2-core machine can take many seconds, and this bound only catches hangs.
    /// </summary>
    public const int Process = 300_000;

    /// <summary>
    /// Bound for a test whose processes form a cluster (several .NET starts, cluster membership agreed through the store,
    /// a JavaScript client): only catches hangs, and must not fire on a machine with every core busy.
    /// </summary>
    public const int Cluster = 2 * Process;
}
