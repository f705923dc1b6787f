namespace MassGen.Tools.Settings;

/// <summary>One of the user's own files or folders the agents may look at (<c>context_paths</c> entry).</summary>
/// <param name="Path">A folder or a single file. Relative paths are resolved against the current directory.</param>
/// <param name="Permission">Read, or write for the final presenter.</param>
public sealed record ContextPathSettings(string Path, ContextPathAccess Permission = ContextPathAccess.Read)
{
    /// <summary>Paths inside <see cref="Path"/> (relative to it, or absolute inside it) that are never writable.</summary>
    public IReadOnlyList<string> ProtectedPaths { get; init; } = [];
}
