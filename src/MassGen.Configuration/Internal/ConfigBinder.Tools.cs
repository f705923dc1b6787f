using System.Text.RegularExpressions;
using MassGen.Providers.Catalog;

namespace MassGen.Configuration.Internal;

/// <summary>Tool-related parts of a backend block and the orchestrator: MCP servers, context paths, command regexes, price.</summary>
internal sealed partial class ConfigBinder
{
    private List<McpServerConfig> BindMcpServers(SectionReader reader, BackendTypeInfo? type)
    {
        var result = new List<McpServerConfig>();
        if (reader.Take("mcp_servers") is not { } entry)
        {
            return result;
        }

        var path = reader.PathOf("mcp_servers");
        var items = new List<(ConfigNode Node, string Path, string? Name)>();
        switch (entry.Value)
        {
            case ConfigSequence sequence:
                items.AddRange(sequence.Items.Select((item, i) => (item, ConfigPath.Index(path, i), (string?)null)));
                break;
            case ConfigMapping mapping:
                // The original's Claude Code configs key the servers by name: the key becomes the server's name.
                items.AddRange(mapping.Entries.Select(e => (e.Value, ConfigPath.Key(path, e.Key), (string?)e.Key)));
                break;
            default:
                problems.Error(path, entry.Line, $"must be a list of servers (or a mapping keyed by server name); got {entry.Value.Describe()}");
                return result;
        }

        if (items.Count > 0)
        {
            RequireFunctionTools(reader, type, "mcp_servers", "MCP servers");
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (node, itemPath, keyName) in items)
        {
            if (BindMcpServer(node, itemPath, keyName) is not { } server)
            {
                continue;
            }

            if (names.TryGetValue(server.Name, out var firstLine))
            {
                problems.Error(ConfigPath.Key(itemPath, "name"), node.Line,
                    $"duplicate server name '{server.Name}' (first used on line {firstLine}); tool names are mcp__<name>__<tool>, so names must be unique");
                continue;
            }

            names[server.Name] = node.Line;
            result.Add(server);
        }

        return result;
    }

    private McpServerConfig? BindMcpServer(ConfigNode node, string path, string? keyName)
    {
        if (node is not ConfigMapping || SectionReader.Open(node, path, node.Line, problems) is not { } reader)
        {
            problems.Error(path, node.Line, $"must be a server (a mapping with name, type and command or url); got {node.Describe()}");
            return null;
        }

        var nameEntry = reader.Take("name");
        var name = reader.String("name");
        if (keyName is not null)
        {
            if (name is not null && name != keyName)
            {
                problems.Warning(reader.PathOf("name"), nameEntry!.Line, $"ignored: the server is keyed '{keyName}', and the key is its name");
            }

            name = keyName;
        }
        var transport = reader.Choice("type", ("stdio", McpTransport.Stdio), ("streamable-http", McpTransport.StreamableHttp));
        var typeGiven = reader.Take("type") is not null;
        var command = reader.String("command");
        var args = reader.StringList("args") ?? [];
        var env = reader.StringMap("env") ?? new Dictionary<string, string>();
        var url = BindUrl(reader, "url");
        var headers = reader.StringMap("headers") ?? new Dictionary<string, string>();
        var allowed = reader.StringList("allowed_tools");
        var excluded = reader.StringList("exclude_tools") ?? [];
        var sandbox = reader.Bool("sandbox") ?? false;
        reader.Unsupported("security", "ignored: every tool call goes through the permission layer instead");
        reader.ReportUnknownKeys();

        if (name is null)
        {
            problems.Error(reader.PathOf("name"), node.Line, "missing; every MCP server needs a name (its tools are called mcp__<name>__<tool>)");
        }
        else if (!IsValidServerName(name))
        {
            problems.Error(reader.PathOf("name"), nameEntry?.Line ?? node.Line, $"'{name}' is not a valid server name; use letters, digits, '-' or '_' (no '__')");
            name = null;
        }

        if (transport is null && !typeGiven)
        {
            // The original requires type; inferring it from command/url is harmless and saves a line.
            transport = command is not null ? McpTransport.Stdio : url is not null ? McpTransport.StreamableHttp : null;
            if (transport is null)
            {
                problems.Error(reader.PathOf("type"), node.Line, "missing; use type: stdio with a command, or type: streamable-http with a url");
            }
        }

        if (sandbox && transport == McpTransport.StreamableHttp)
        {
            problems.Error(reader.PathOf("sandbox"), reader.Take("sandbox")!.Line, "only a stdio server (a program MassGen starts) can run in the sandbox; remove sandbox");
        }

        if (transport == McpTransport.Stdio && command is null)
        {
            problems.Error(reader.PathOf("command"), node.Line, "missing; a stdio server needs the program to start (e.g. command: npx)");
            return null;
        }

        if (transport == McpTransport.StreamableHttp && url is null && reader.Take("url") is null)
        {
            problems.Error(reader.PathOf("url"), node.Line, "missing; a streamable-http server needs url: http(s)://...");
            return null;
        }

        return name is null || transport is null
            ? null
            : new McpServerConfig(name, transport.Value)
            {
                Command = command,
                Args = args,
                Env = env,
                Url = url,
                Headers = headers,
                AllowedTools = allowed,
                ExcludeTools = excluded,
                Sandbox = sandbox,
            };
    }

    private List<ContextPathConfig> BindContextPaths(SectionReader reader)
    {
        var result = new List<ContextPathConfig>();
        if (reader.Take("context_paths") is not { } entry)
        {
            return result;
        }

        var path = reader.PathOf("context_paths");
        if (entry.Value is not ConfigSequence sequence)
        {
            problems.Error(path, entry.Line, $"must be a list of {{path, permission, protected_paths}} entries; got {entry.Value.Describe()}");
            return result;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var itemPath = ConfigPath.Index(path, i);
            if (item is not ConfigMapping || SectionReader.Open(item, itemPath, item.Line, problems) is not { } itemReader)
            {
                problems.Error(itemPath, item.Line, $"must be a mapping with path and permission; got {item.Describe()}");
                continue;
            }

            var pathEntry = itemReader.Take("path");
            var location = itemReader.String("path");
            var permission = itemReader.Choice("permission", ("read", ContextAccess.Read), ("write", ContextAccess.Write));
            var protectedPaths = itemReader.StringList("protected_paths") ?? [];
            itemReader.ReportUnknownKeys();
            if (location is null)
            {
                problems.Error(itemReader.PathOf("path"), item.Line, "missing; give the folder or file agents may use");
                continue;
            }

            var full = Path.GetFullPath(location, currentDirectory);
            if (!Directory.Exists(full) && !File.Exists(full))
            {
                problems.Error(itemReader.PathOf("path"), pathEntry!.Line, $"'{location}' does not exist (resolved to {full}); create it or fix the path");
            }

            result.Add(new ContextPathConfig(location, permission ?? ContextAccess.Read) { ProtectedPaths = protectedPaths });
        }

        return result;
    }

    private IReadOnlyList<string> BindRegexList(SectionReader reader, string key)
    {
        var patterns = reader.StringList(key) ?? [];
        for (var i = 0; i < patterns.Count; i++)
        {
            try
            {
                _ = new Regex(patterns[i], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                problems.Error(ConfigPath.Index(reader.PathOf(key), i), reader.Take(key)!.Line, $"not a valid regular expression: {ex.Message}");
            }
        }

        return patterns;
    }

    private PriceConfig? BindPrice(SectionReader reader)
    {
        if (reader.Take("price") is not { } entry || SectionReader.Open(entry.Value, reader.PathOf("price"), entry.Line, problems) is not { } price)
        {
            return null;
        }

        var input = price.Number("input_per_million", 0, MaxUsd);
        var output = price.Number("output_per_million", 0, MaxUsd);
        var cached = price.Number("cached_input_per_million", 0, MaxUsd);
        var cacheWrite = price.Number("cache_write_input_per_million", 0, MaxUsd);
        price.ReportUnknownKeys();
        foreach (var (key, value) in new[] { ("input_per_million", input), ("output_per_million", output) })
        {
            if (value is null && price.Take(key) is null)
            {
                problems.Error(price.PathOf(key), entry.Line, "missing; a price needs input_per_million and output_per_million (USD per million tokens)");
            }
        }

        return input is null || output is null
            ? null
            : new PriceConfig((decimal)input.Value, (decimal)output.Value)
            {
                CachedInputPerMillion = (decimal?)cached,
                CacheWriteInputPerMillion = (decimal?)cacheWrite,
            };
    }

    // Tool names are mcp__<server>__<tool>, so a server name must not contain the separator itself.
    private static bool IsValidServerName(string name) =>
        name.Length > 0 && !name.Contains("__", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private string? BindUrl(SectionReader reader, string key)
    {
        var url = reader.String(key);
        if (url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0))
        {
            return url;
        }

        problems.Error(reader.PathOf(key), reader.Take(key)!.Line, $"must be an absolute http(s) URL; got '{url}'");
        return null;
    }
}
