namespace MassGen.Tools.Permissions;

/// <summary>
/// Turns whatever path a model wrote into the one real path the operation will touch: relative paths against a base
/// folder, <c>..</c> collapsed, and every symbolic link on the way followed. Decisions and file operations both use
/// the result, so a link cannot point a check at one place and the operation at another.
/// </summary>
internal static class PathResolver
{
    private const int MaxLinkDepth = 32;

    /// <summary>Resolves <paramref name="path"/> (absolute, or relative to <paramref name="baseDirectory"/>).</summary>
    public static string Resolve(string path, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(path);
        var expanded = path.StartsWith('~') ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..]) : path;
        var full = Path.GetFullPath(expanded, baseDirectory);
        return ResolveLinks(full, 0);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or inside it (both already resolved).</summary>
    public static bool IsInside(string path, string root)
    {
        if (path.Length == root.Length)
        {
            return string.Equals(path, root, StringComparison.Ordinal);
        }

        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(rootWithSeparator, StringComparison.Ordinal);
    }

    private static string ResolveLinks(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"Too many levels of symbolic links while resolving '{fullPath}'.");
        }

        var root = Path.GetPathRoot(fullPath) ?? "/";
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Join(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                // A link may point at a relative target and at further links: resolve from its folder, recursively.
                var targetFull = Path.GetFullPath(target, current);
                next = ResolveLinks(targetFull, depth + 1);
            }
            else if (!info.Exists)
            {
                // Nothing further exists: the rest cannot be a link yet (a file about to be created).
                return Path.Join([next, .. parts[(i + 1)..]]);
            }

            current = next;
        }

        return current;
    }
}
