namespace MassGen.Providers.Internal;

/// <summary>Finds an executable on the <c>PATH</c> of a given environment (not necessarily this process's).</summary>
internal static class ExecutableLocator
{
    public static string? Find(string name, IReadOnlyDictionary<string, string?> environment)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var path = environment.TryGetValue("PATH", out var value) ? value : null;
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        string[] suffixes = OperatingSystem.IsWindows() ? [".exe", ".cmd", ".bat", ""] : [""];
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var suffix in suffixes)
            {
                var candidate = Path.Combine(folder, name + suffix);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
