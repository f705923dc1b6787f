namespace MassGen.Testing;

/// <summary>Upper bounds for async tests, so a hang fails the test instead of blocking CI.</summary>
public static class TestTimeouts
{
    /// <summary>Bound for one async test in milliseconds (xunit <c>Timeout</c>).</summary>
    public const int Default = 30_000;
}
