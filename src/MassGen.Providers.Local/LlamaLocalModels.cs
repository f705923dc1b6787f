using LLama;
using LLama.Common;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Local;

/// <summary>
/// Backend type <c>local</c>: GGUF models run in this process through LLamaSharp, so a team runs fully offline with no
/// server. Pass an instance as <see cref="ProviderContext.LocalModels"/>. A model file is loaded once and shared by
/// every agent that names it; dispose this object when the run ends to free the weights.
/// </summary>
public sealed class LlamaLocalModels : ILocalChatClientFactory, IDisposable
{
    /// <summary>Context window used when <see cref="BackendSettings.ContextSize"/> is not set.</summary>
    public const int DefaultContextSize = 4096;

    private readonly Dictionary<string, LLamaWeights> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Func<LocalRuntimeUnavailableException?> _runtime;
    private bool _disposed;

    /// <summary>Creates the factory; llama.cpp's native libraries are loaded on the first <see cref="Create"/>.</summary>
    public LlamaLocalModels()
        : this(() => LocalRuntime.Unavailable)
    {
    }

    /// <summary>With another answer to "do the native libraries load here?" (tests of a machine without them).</summary>
    internal LlamaLocalModels(Func<LocalRuntimeUnavailableException?> runtime)
    {
        _runtime = runtime;
    }

    /// <inheritdoc/>
    public IChatClient Create(BackendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path.GetFullPath(settings.Model ?? throw new ArgumentException("A local backend needs model: the path of a .gguf file.", nameof(settings)));
        // Without llama.cpp this agent cannot run, but the others can: its calls fail with what is missing. Checked
        // before ModelParams, whose defaults already come from the native library.
        if (_runtime() is { } unavailable)
        {
            return new UnavailableLocalChatClient(unavailable, Path.GetFileName(path));
        }

        var parameters = new ModelParams(path)
        {
            ContextSize = (uint)(settings.ContextSize ?? DefaultContextSize),
            Threads = settings.Threads,
            GpuLayerCount = 0,
        };

        LLamaWeights weights;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = $"{path}|{parameters.ContextSize}|{parameters.Threads}";
            if (!_loaded.TryGetValue(key, out var cached))
            {
                NativeLogging.Silence();
                try
                {
                    cached = LLamaWeights.LoadFromFile(parameters);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new InvalidOperationException(
                        $"Could not load the GGUF model '{path}': {ex.Message}. Check that the file is a complete GGUF model (re-download it if unsure).", ex);
                }

                _loaded[key] = cached;
            }

            weights = cached;
        }

        return new LlamaChatClient(weights, parameters, Path.GetFileName(path), settings.Temperature, settings.MaxTokens);
    }

    /// <summary>Frees every loaded model. Clients created earlier must not be used afterwards.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var weights in _loaded.Values)
            {
                weights.Dispose();
            }

            _loaded.Clear();
        }
    }
}
