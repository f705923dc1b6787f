using Microsoft.Extensions.AI;

namespace MassGen.Providers;

/// <summary>
/// Creates chat clients for backend type <c>local</c> (in-process GGUF models). Implemented by
/// <c>MassGen.Providers.Local</c> and handed to the factory through <see cref="ProviderContext.LocalModels"/>, so this
/// assembly does not load native inference libraries unless a local model is used.
/// </summary>
public interface ILocalChatClientFactory
{
    /// <summary>Loads the model named by <see cref="BackendSettings.Model"/> and returns a client for it.</summary>
    IChatClient Create(BackendSettings settings);
}
