using MassGen.Providers.Catalog;

namespace MassGen.Configuration.Internal;

/// <summary>Backend checks that depend on the provider catalog and the environment: model, endpoint and API key.</summary>
internal sealed partial class ConfigBinder
{
    private string? CheckModel(SectionReader reader, BackendTypeInfo type, string? model)
    {
        if (model is null)
        {
            if (type.DefaultModel is { } fallback)
            {
                return fallback;
            }

            problems.Error(reader.PathOf("model"), reader.Line, type.Protocol == WireProtocol.LocalGguf
                ? "missing; type 'local' needs model: the path of a .gguf file"
                : $"missing; type '{type.Type}' has no default model, so name the model to use (model: ...)");
            return null;
        }

        if (type.Protocol == WireProtocol.LocalGguf && !model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            problems.Error(reader.PathOf("model"), reader.Take("model")!.Line, $"type 'local' needs the path of a .gguf file; got '{model}'");
        }

        return model;
    }

    private string? BindUrl(SectionReader reader, string key)
    {
        var url = reader.String(key);
        if (url is null || IsHttpUrl(url))
        {
            return url;
        }

        problems.Error(reader.PathOf(key), reader.Take(key)!.Line, $"must be an absolute http(s) URL; got '{url}'");
        return null;
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private void CheckBaseUrlRequired(SectionReader reader, BackendTypeInfo type, string? baseUrl)
    {
        if (baseUrl is not null || reader.Take("base_url") is not null)
        {
            return;
        }

        if (type.RequiresBaseUrl)
        {
            problems.Error(reader.PathOf("base_url"), reader.Line,
                $"missing; type '{type.Type}' needs the URL of an OpenAI-compatible server, e.g. base_url: http://localhost:8000/v1");
        }
        else if (type.Protocol == WireProtocol.AzureOpenAI && !environment.HasValue("AZURE_OPENAI_ENDPOINT"))
        {
            problems.Error(reader.PathOf("base_url"), reader.Line,
                "missing; type 'azure_openai' needs the resource endpoint: set AZURE_OPENAI_ENDPOINT or base_url: https://<resource>.openai.azure.com");
        }
    }

    private void CheckApiKey(SectionReader reader, BackendTypeInfo type, string? apiKey, string? baseUrl, string agentId)
    {
        if (!string.IsNullOrWhiteSpace(apiKey) || type.IsLocalServer)
        {
            return;
        }

        var variables = ProviderCatalog.ApiKeyVariablesFor(type, baseUrl);
        if (variables.Any(environment.HasValue))
        {
            return;
        }

        var path = reader.PathOf("api_key");
        if (variables.Count == 0)
        {
            // A chatcompletion server we do not know: local servers need no key, others may.
            if (type.Protocol == WireProtocol.ChatCompletions && baseUrl is not null && !IsLocalHost(baseUrl))
            {
                problems.Warning(path, reader.Line,
                    $"no api_key and no known key variable for {new Uri(baseUrl).Host}; requests are sent without a key (write api_key: ${{MY_KEY}} if the server needs one)");
            }

            return;
        }

        var names = string.Join(" or ", variables);
        var message = $"no API key for agent '{agentId}' (type '{type.Type}'): set {names} (in the environment or a .env file) or give api_key";
        if (type.Protocol == WireProtocol.ClaudeCodeCli)
        {
            problems.Warning(path, reader.Line, message + ", unless the Claude Code CLI is logged in (claude login)");
        }
        else
        {
            problems.Error(path, reader.Line, message);
        }
    }

    private static bool IsLocalHost(string url)
    {
        var host = new Uri(url).Host;
        return host is "localhost" or "127.0.0.1" or "[::1]" or "::1" or "0.0.0.0" || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var address) && IsPrivate(address));
    }

    private static bool IsPrivate(System.Net.IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 && (bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and < 32) || (bytes[0] == 192 && bytes[1] == 168));
    }
}
