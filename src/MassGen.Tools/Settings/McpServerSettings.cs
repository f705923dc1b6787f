namespace MassGen.Tools.Settings;

/// <summary>
/// One <c>mcp_servers</c> entry. Its tools reach the model as <c>mcp__&lt;Name&gt;__&lt;tool&gt;</c>.
/// <c>${VAR}</c> in <see cref="Env"/> values and <see cref="Headers"/> values is replaced from the environment when the
/// server starts; a variable that is not set stops that server with a message naming it.
/// </summary>
/// <param name="Name">The server's name: letters, digits, <c>-</c> and <c>_</c>; unique per agent.</param>
/// <param name="Transport">Stdio child process or streamable HTTP.</param>
public sealed record McpServerSettings(string Name, McpTransportKind Transport = McpTransportKind.Stdio)
{
    /// <summary>The program to start (stdio only), e.g. <c>npx</c>.</summary>
    public string? Command { get; init; }

    /// <summary>Its arguments (stdio only).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>
    /// Environment variables for the child process (stdio only); values may use <c>${VAR}</c>. The child gets these on
    /// top of a small base set (PATH, HOME, USER, SHELL, TERM, LOGNAME), not the whole environment of the host.
    /// </summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <c>sandbox: true</c> (stdio only): the server runs inside the agent's bubblewrap sandbox, with the same mounts,
    /// network rule, limits and cleared environment as its commands (plus <see cref="Env"/>). The program must be
    /// reachable from the system folders (e.g. <c>/usr/bin/npx</c>).
    /// </summary>
    public bool Sandbox { get; init; }

    /// <summary>The working directory of the child process (stdio only); the agent's workspace when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The endpoint (streamable HTTP only).</summary>
    public Uri? Url { get; init; }

    /// <summary>HTTP headers sent with every request (streamable HTTP only); values may use <c>${VAR}</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>When not empty, only these tools are exposed (the server's own names or the <c>mcp__</c> names; <c>*</c> is a wildcard).</summary>
    public IReadOnlyList<string> AllowedTools { get; init; } = [];

    /// <summary>Tools never exposed (same forms as <see cref="AllowedTools"/>); wins over it.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];

    /// <summary>Upper bound of one tool call. Default 60 seconds.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Upper bound for starting the server and listing its tools. Default 30 seconds.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a call that failed with a transient error (not a timeout, not a tool error) is repeated. Default 1.</summary>
    public int MaxRetries { get; init; } = 1;

    /// <summary>After this many failed calls in a row the server is switched off for the agent. Default 3.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>Every problem with these settings, each naming the field and how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var prefix = $"mcp_servers[{Name}]";
        if (string.IsNullOrWhiteSpace(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add($"{prefix}.name: '{Name}' must be letters, digits, '-' or '_' (it becomes part of tool names mcp__<name>__<tool>).");
        }

        if (Transport == McpTransportKind.Stdio && string.IsNullOrWhiteSpace(Command))
        {
            problems.Add($"{prefix}.command: a stdio server needs the program to start, e.g. command: npx.");
        }

        if (Transport == McpTransportKind.StreamableHttp && (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"{prefix}.url: a streamable-http server needs an absolute http(s) URL.");
        }

        if (CallTimeout <= TimeSpan.Zero || StartTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{prefix}: call and start timeouts must be positive.");
        }

        if (MaxRetries < 0 || MaxConsecutiveFailures < 1)
        {
            problems.Add($"{prefix}: max retries must be 0 or more and max consecutive failures 1 or more.");
        }

        return problems;
    }
}
