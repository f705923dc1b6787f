namespace MassGen.Providers.Internal;

/// <summary>
/// The provider answered with success but the answer is unusable (a safety block, no candidates, a malformed function
/// call, an unknown part): what it said and how to fix it, turned into a <see cref="ProviderException"/> upstream.
/// </summary>
internal sealed class ProviderResponseException(string providerMessage, string fix, bool isTransient = false) : Exception(providerMessage)
{
    /// <summary>What the provider's answer said or lacked.</summary>
    public string ProviderMessage { get; } = providerMessage;

    /// <summary>How to fix it.</summary>
    public string Fix { get; } = fix;

    /// <summary>Whether trying again may help.</summary>
    public bool IsTransient { get; } = isTransient;

    /// <summary>
    /// A success without a single byte of answer (not one event or chunk): a broken connection or proxy, not a model that
    /// chose to say nothing, since even an empty reply carries a finish reason or usage.
    /// </summary>
    public static ProviderResponseException Empty() => new(
        "the provider sent an empty response (the stream ended before any data)",
        "try again; if it keeps happening check base_url and any proxy in between", isTransient: true);
}
