using System.Runtime.InteropServices;
using LLama.Exceptions;
using LLama.Native;

namespace MassGen.Providers.Local;

/// <summary>
/// Whether llama.cpp's native libraries load in this process. They ship beside the program (<c>runtimes/RID/native</c>)
/// only for the platforms LLamaSharp builds them for; a copy without them, or another platform, still runs every other
/// backend, and a local agent fails with what is missing and how to fix it.
/// </summary>
internal static class LocalRuntime
{
    /// <summary>The platforms LLamaSharp's CPU backend ships native libraries for.</summary>
    public static IReadOnlyList<string> ShippedPlatforms { get; } =
        ["linux-x64", "linux-arm64", "linux-musl-x64", "osx-x64", "osx-arm64", "win-x64", "win-arm64"];

    private static readonly Lazy<LocalRuntimeUnavailableException?> s_probe = new(Probe);

    /// <summary>Null when the native libraries are loaded; otherwise why not. Probed once per process.</summary>
    public static LocalRuntimeUnavailableException? Unavailable => s_probe.Value;

    /// <summary>The error for <paramref name="platform"/> when the libraries did not load from <paramref name="baseDirectory"/>.</summary>
    public static LocalRuntimeUnavailableException Describe(string platform, string baseDirectory, Exception? failure)
    {
        var folder = Path.Combine(baseDirectory, "runtimes", platform, "native");
        const string Server = "run the model behind an OpenAI-compatible local server instead (type: ollama, lmstudio or vllm with its base_url)";
        if (!ShippedPlatforms.Contains(platform))
        {
            return new LocalRuntimeUnavailableException(
                platform,
                $"backend type local cannot run on {platform}: llama.cpp's native libraries (libllama and ggml) are built only for {string.Join(", ", ShippedPlatforms)}",
                $"{Server}, or run massgen on one of those platforms",
                failure);
        }

        var found = Directory.Exists(folder) ? "are there but did not load" : "were not found";
        var reason = failure?.InnerException?.Message ?? failure?.Message;
        return new LocalRuntimeUnavailableException(
            platform,
            $"backend type local needs llama.cpp's native libraries for {platform} (libllama and ggml), which {found} in {folder}"
                + (reason is null ? "" : $" ({FirstLine(reason)})"),
            $"install massgen again so that the runtimes folder it ships with sits beside the program (a single-file download keeps it in the same folder as massgen), or {Server}",
            failure);
    }

    private static LocalRuntimeUnavailableException? Probe()
    {
        try
        {
            // A native no-op: calling it makes LLamaSharp find and load libllama and its ggml libraries.
            NativeApi.llama_empty_call();
            return null;
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or RuntimeError)
        {
            return Describe(RuntimeInformation.RuntimeIdentifier, AppContext.BaseDirectory, ex);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd('.', ':');
}
