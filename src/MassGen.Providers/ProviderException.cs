using MassGen.Core.Agents;

namespace MassGen.Providers;

/// <summary>
/// A model call failed. The message names the agent, the provider, the provider's own error message and the fix,
/// for example <c>Agent 'critic' (Anthropic, claude): HTTP 401: invalid x-api-key. Fix: the API key was rejected: set
/// ANTHROPIC_API_KEY (or api_key in the backend block) to a valid key.</c>
/// </summary>
public sealed class ProviderException : Exception, IPermanentFailure
{
    /// <summary>Creates the exception.</summary>
    public ProviderException(string agentId, string backendType, string providerName, int? statusCode, string providerMessage, string fix, bool isTransient, Exception? innerException = null)
        : base(Format(agentId, backendType, providerName, statusCode, providerMessage, fix), innerException)
    {
        AgentId = agentId;
        BackendType = backendType;
        ProviderName = providerName;
        StatusCode = statusCode;
        ProviderMessage = providerMessage;
        Fix = fix;
        IsTransient = isTransient;
    }

    /// <summary>The agent whose call failed.</summary>
    public string AgentId { get; }

    /// <summary>The backend type (<c>claude</c>, <c>openai</c>…).</summary>
    public string BackendType { get; }

    /// <summary>The provider's name for people (<c>Anthropic</c>…).</summary>
    public string ProviderName { get; }

    /// <summary>The HTTP status, when the provider answered with an error.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's own error message (or what went wrong on the way).</summary>
    public string ProviderMessage { get; }

    /// <summary>How to fix it.</summary>
    public string Fix { get; }

    /// <summary>
    /// True when trying again later may work (rate limit, overload, broken stream); false for errors that will not heal
    /// (401, 403, 404, 400).
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>The opposite of <see cref="IsTransient"/>: the engine fails the agent at once instead of retrying.</summary>
    public bool IsPermanent => !IsTransient;

    private static string Format(string agentId, string backendType, string providerName, int? statusCode, string providerMessage, string fix) =>
        $"Agent '{agentId}' ({providerName}, {backendType}): {(statusCode is { } s ? $"HTTP {s}: " : "")}{providerMessage.TrimEnd('.', ' ')}. Fix: {fix.TrimEnd('.', ' ')}.";
}
