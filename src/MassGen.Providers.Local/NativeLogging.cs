using LLama.Native;

namespace MassGen.Providers.Local;

/// <summary>llama.cpp writes its loading chatter to stderr by default; a library must not write to the console.</summary>
internal static class NativeLogging
{
    private static int s_silenced;

    public static void Silence()
    {
        if (Interlocked.Exchange(ref s_silenced, 1) == 0)
        {
            NativeLogConfig.llama_log_set((level, message) =>
            {
                // Dropped on purpose: load failures surface as exceptions with their own message.
            });
        }
    }
}
