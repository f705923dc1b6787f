using System.Net;
using MassGen.Providers.Catalog;

namespace MassGen.Providers.Internal;

/// <summary>Endpoint and API-key rules of a backend block.</summary>
internal static partial class BackendSettingsValidator
{
    public static string? Endpoint(BackendSettings settings, BackendTypeInfo type, IReadOnlyDictionary<string, string?> environment) =>
        settings.BaseUrl?.ToString()
        ?? (type.Protocol == WireProtocol.AzureOpenAI ? Value(environment, "AZURE_OPENAI_ENDPOINT") : type.DefaultBaseUrl);

    public static (string? Key, IReadOnlyList<string> Variables) ApiKey(BackendSettings settings, BackendTypeInfo type, IReadOnlyDictionary<string, string?> environment)
    {
        var variables = ProviderCatalog.ApiKeyVariablesFor(type, settings.BaseUrl?.ToString());
        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            return (settings.ApiKey, variables);
        }

        foreach (var variable in variables)
        {
            if (Value(environment, variable) is { } value)
            {
                return (value, variables);
            }
        }

        return (null, variables);
    }

    private static void CheckEndpointAndKey(BackendSettings settings, BackendTypeInfo type, IReadOnlyDictionary<string, string?> environment, List<BackendProblem> problems)
    {
        if (settings.BaseUrl is { } url && !IsHttpUrl(url))
        {
            problems.Add(new("base_url", $"must be an absolute http(s) URL; got '{url.OriginalString}'"));
        }

        if (type.RequiresBaseUrl && settings.BaseUrl is null)
        {
            problems.Add(new("base_url", $"missing; type '{type.Type}' needs the URL of an OpenAI-compatible server, e.g. base_url: http://localhost:8000/v1"));
        }

        if (type.Protocol == WireProtocol.AzureOpenAI && Endpoint(settings, type, environment) is null)
        {
            problems.Add(new("base_url", "missing; type 'azure_openai' needs the resource endpoint: set AZURE_OPENAI_ENDPOINT or base_url: https://<resource>.openai.azure.com"));
        }

        if (type.Protocol == WireProtocol.LocalGguf || type.IsLocalServer)
        {
            return;
        }

        var (key, variables) = ApiKey(settings, type, environment);
        if (key is not null)
        {
            return;
        }

        if (variables.Count == 0)
        {
            // A chatcompletion server we do not know: local servers need no key, others may.
            if (type.Protocol == WireProtocol.ChatCompletions && settings.BaseUrl is { IsAbsoluteUri: true } server && IsHttpUrl(server) && !IsLocalHost(server))
            {
                problems.Add(new("api_key", $"no api_key and no known key variable for {server.Host}; requests are sent without a key (write api_key: ${{MY_KEY}} if the server needs one)")
                {
                    IsWarning = true,
                });
            }

            return;
        }

        var message = $"no API key for type '{type.Type}': set {string.Join(" or ", variables)} (in the environment or a .env file) or give api_key";

        // The Claude Code CLI has its own login, so a missing key may be fine there.
        problems.Add(type.Protocol == WireProtocol.ClaudeCodeCli
            ? new("api_key", message + ", unless the Claude Code CLI is logged in (claude login)") { IsWarning = true }
            : new("api_key", message));
    }

    private static bool IsHttpUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0;

    private static bool IsLocalHost(Uri url)
    {
        var host = url.Host;
        return host is "localhost" or "127.0.0.1" or "[::1]" or "::1" or "0.0.0.0" || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IsPrivate(address));
    }

    private static bool IsPrivate(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 && (bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and < 32) || (bytes[0] == 192 && bytes[1] == 168));
    }

    private static string? Value(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
