using MassGen.Tools.Settings;

namespace MassGen.Tools.Permissions;

/// <summary>A context path with its own path and its protected paths already resolved.</summary>
internal sealed record ResolvedContextPath(string Path, bool IsFile, ContextPathAccess Permission, IReadOnlyList<string> ProtectedPaths)
{
    public static ResolvedContextPath From(ContextPathSettings settings)
    {
        var path = PathResolver.Resolve(settings.Path, Directory.GetCurrentDirectory());
        var isFile = File.Exists(path);
        if (!isFile && !Directory.Exists(path))
        {
            throw new ArgumentException($"context_paths: '{settings.Path}' does not exist (resolved to '{path}'); create it or fix the path.", nameof(settings));
        }

        var protectedBase = isFile ? System.IO.Path.GetDirectoryName(path)! : path;
        var protectedPaths = new List<string>();
        foreach (var entry in settings.ProtectedPaths)
        {
            var resolved = PathResolver.Resolve(entry, protectedBase);
            if (!PathResolver.IsInside(resolved, path))
            {
                throw new ArgumentException($"context_paths[{settings.Path}].protected_paths: '{entry}' is not inside the context path; protected paths must be inside it.", nameof(settings));
            }

            protectedPaths.Add(resolved);
        }

        return new ResolvedContextPath(path, isFile, settings.Permission, protectedPaths);
    }

    public bool Contains(string resolvedPath) => IsFile ? string.Equals(resolvedPath, Path, StringComparison.Ordinal) : PathResolver.IsInside(resolvedPath, Path);

    public bool IsProtected(string resolvedPath) => ProtectedPaths.Any(p => PathResolver.IsInside(resolvedPath, p));
}
