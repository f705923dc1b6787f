using System.Net;
using System.Text.Json;
using MassGen.Core.Agents;
using MassGen.Providers.Catalog;

namespace MassGen.Providers.Internal;

/// <summary>Turns whatever an SDK threw into a <see cref="ProviderException"/> that says what failed and how to fix it.</summary>
internal static class ProviderErrors
{
    /// <summary>The first exception of type <typeparamref name="T"/> in the chain (inner and aggregate exceptions).</summary>
    public static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } nested)
                    {
                        return nested;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The first exception in the chain that says it will not heal by retrying.</summary>
    private static Exception? FindPermanent(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is IPermanentFailure { IsPermanent: true })
            {
                return current;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindPermanent).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }

    public static ProviderException Translate(Exception exception, ProviderCallContext call)
    {
        if (exception is ProviderException already)
        {
            return already;
        }

        if (Find<LocalRuntimeUnavailableException>(exception) is { } local)
        {
            return Create(call, null, local.Problem, transient: false, local.Fix, exception);
        }

        if (Find<StreamIdleTimeoutException>(exception) is { } idle)
        {
            return Create(call, null, idle.Message, transient: true,
                $"the provider may be overloaded; try again later, or raise idle_timeout (now {idle.IdleTimeout.TotalSeconds:0} s) if this model is slow to start", exception);
        }

        if (Find<ProviderResponseException>(exception) is { } answer)
        {
            return Create(call, null, answer.ProviderMessage, answer.IsTransient, answer.Fix, exception);
        }

        if (Find<ProviderHttpException>(exception) is { } http)
        {
            return Create(call, http.StatusCode, http.ProviderMessage, http.IsTransient, FixFor(http, call), exception);
        }

        if (Find<JsonException>(exception) is not null || Find<FormatException>(exception) is not null)
        {
            return Create(call, null, $"the provider's answer could not be parsed ({exception.Message})", transient: false,
                $"check that base_url ({call.Endpoint}) points at a {call.Type.DisplayName} compatible API", exception);
        }

        if (Find<IOException>(exception) is not null || Find<HttpRequestException>(exception) is not null)
        {
            return Create(call, null, $"the connection broke off in the middle of the answer ({exception.Message})", transient: true,
                "try again; if it keeps happening check the network or the provider's status", exception);
        }

        // Anything else may be a one-off, so the engine backs off and retries, unless the failure says it is permanent.
        var permanent = FindPermanent(exception) is not null;
        return Create(call, null, exception.Message, transient: !permanent, call.Type.Protocol switch
        {
            WireProtocol.ClaudeCodeCli => "check that the Claude Code CLI works on its own (run: claude -p hello); log in with 'claude login' or set ANTHROPIC_API_KEY",
            WireProtocol.LocalGguf => "check that the model file is a complete GGUF model and that context_size fits the prompt and the machine's memory",
            _ => "see the inner exception for details",
        }, exception);
    }

    private static string FixFor(ProviderHttpException http, ProviderCallContext call)
    {
        var keyHint = call.KeyVariables.Count > 0
            ? $"set {string.Join(" or ", call.KeyVariables)} (or api_key in the backend block)"
            : "set api_key in the backend block";
        return http.StatusCode switch
        {
            null => $"check that base_url ({call.Endpoint}) is right and the server is running",
            HttpStatusCode.Unauthorized => $"the API key was rejected: {keyHint} to a valid key",
            HttpStatusCode.Forbidden => $"the key has no access to model '{call.Model}': use a key or project with access, or another model",
            HttpStatusCode.NotFound => $"check model ('{call.Model}') and base_url ({call.Endpoint})",
            HttpStatusCode.BadRequest => "the provider rejected the request: check the backend parameters (model, max_tokens, reasoning, extra keys)",
            HttpStatusCode.TooManyRequests => $"rate limited even after {call.MaxRetries} retries: wait, run fewer agents on this key, or raise the quota",
            _ when http.IsTransient => $"the provider kept failing after {call.MaxRetries} retries: try again later",
            _ => "check the backend parameters against the provider's documentation",
        };
    }

    private static ProviderException Create(ProviderCallContext call, HttpStatusCode? status, string providerMessage, bool transient, string fix, Exception inner) =>
        new(call.AgentId, call.Type.Type, call.Type.DisplayName, status is { } s ? (int)s : null, providerMessage, fix, transient, inner);
}

/// <summary>What an error message needs to know about the call.</summary>
internal sealed record ProviderCallContext(
    string AgentId,
    BackendTypeInfo Type,
    string Model,
    string Endpoint,
    IReadOnlyList<string> KeyVariables,
    int MaxRetries);
