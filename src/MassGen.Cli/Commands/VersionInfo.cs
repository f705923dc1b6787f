using System.Reflection;
using System.Runtime.InteropServices;

namespace MassGen.Cli.Commands;

/// <summary>What <c>massgen --version</c> prints: the version, the commit it was built from, and the runtime.</summary>
internal static class VersionInfo
{
    /// <summary>The package version (without the commit).</summary>
    public static string Version => Split().Version;

    /// <summary>The commit the program was built from, or null when it was not built from a clone.</summary>
    public static string? Commit => Split().Commit;

    /// <summary>One line, e.g. <c>massgen 0.1.0 (commit 1a2b3c4d5e6f) on .NET 10.0.1, linux-x64</c>.</summary>
    public static string Describe()
    {
        var (version, commit) = Split();
        var built = commit is null ? "" : $" (commit {commit})";
        return $"massgen {version}{built} on {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}";
    }

    private static (string Version, string? Commit) Split()
    {
        var informational = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        // The build appends "+<commit>" to the version when it knows the commit (SourceRevisionId).
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return (informational, null);
        }

        var commit = informational[(plus + 1)..];
        return (informational[..plus], commit.Length > 12 ? commit[..12] : commit);
    }
}
