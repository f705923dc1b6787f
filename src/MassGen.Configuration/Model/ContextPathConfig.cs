namespace MassGen.Configuration;

/// <summary>A folder or file of the user's that agents may read, and the final presenter may write (TOOLS.md).</summary>
/// <param name="Path">The path as written (relative paths are relative to the current directory).</param>
/// <param name="Permission">Read, or write for the final presenter.</param>
public sealed record ContextPathConfig(string Path, ContextAccess Permission)
{
    /// <summary>Paths under <see cref="Path"/> that stay read-only for everyone.</summary>
    public IReadOnlyList<string> ProtectedPaths { get; init; } = [];
}
