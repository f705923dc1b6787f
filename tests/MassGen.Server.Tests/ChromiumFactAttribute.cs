using MassGen.Testing;

namespace MassGen.Server.Tests;

/// <summary>
/// A fact that drives a real Chromium (the system's, as .ci/install-fixtures installs it) through Playwright; it skips,
/// saying so, only when no Chromium executable exists on this machine.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where a Chromium is looked for when <c>MASSGEN_CHROMIUM</c> does not name one.</summary>
    private static readonly string[] s_candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];

    public ChromiumFactAttribute()
    {
        Timeout = TestTimeouts.Process;
        if (Executable is null)
        {
            Skip = "No Chromium on this machine (looked at MASSGEN_CHROMIUM, /usr/bin/chromium and PATH): .ci/install-fixtures installs Debian's chromium package.";
        }
    }

    public static string? Executable { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("MASSGEN_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => new[] { Path.Combine(folder, "chromium"), Path.Combine(folder, "chromium-browser") });
        return s_candidates.Concat(onPath).FirstOrDefault(File.Exists);
    }
}
