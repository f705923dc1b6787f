namespace MassGen.Testing.Processes;

/// <summary>
/// A fake <c>claude</c> executable in a folder of its own, to put on <c>PATH</c>: it records what the real CLI would
/// receive (arguments one a line, stdin, <c>ANTHROPIC_API_KEY</c>, its working directory, and the <c>--mcp-config</c>
/// file with its permission bits and path) and then runs a script body, usually replaying recorded stream-json.
/// </summary>
public sealed class FakeClaudeCli : IDisposable
{
    private FakeClaudeCli(string folder)
    {
        Folder = folder;
    }

    /// <summary>The folder holding the executable and what it records.</summary>
    public string Folder { get; }

    /// <summary>The executable's path.</summary>
    public string Executable => Path.Combine(Folder, "claude");

    /// <summary>A <c>PATH</c> value with the fake first, then the system folders the script needs.</summary>
    public string PathVariable => $"{Folder}:/usr/bin:/bin";

    /// <summary>Creates the fake with <paramref name="body"/> (bash) run after recording; <c>$DIR</c> is <see cref="Folder"/>.</summary>
    public static FakeClaudeCli Create(string body)
    {
        var fake = new FakeClaudeCli(Directory.CreateTempSubdirectory("massgen-claude-").FullName);
        fake.SetBody(body);
        return fake;
    }

    /// <summary>A body that prints a file's lines (a stream-json recording).</summary>
    public static string Replay(string file) => $"cat \"{file}\"";

    /// <summary>Replaces the script body.</summary>
    public void SetBody(string body)
    {
        File.WriteAllText(Executable, $"""
            #!/bin/bash
            DIR="{Folder}"
            printf '%s\n' "$@" > "$DIR/args.txt"
            printf '%s' "$ANTHROPIC_API_KEY" > "$DIR/key.txt"
            pwd > "$DIR/cwd.txt"
            previous=""
            for argument in "$@"; do
              if [ "$previous" = "--mcp-config" ]; then
                printf '%s' "$argument" > "$DIR/mcp-path.txt"
                stat -c '%a' "$argument" > "$DIR/mcp-mode.txt"
                cp "$argument" "$DIR/mcp.json"
              fi
              previous="$argument"
            done
            cat > "$DIR/stdin.txt"
            {body}

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The arguments of the last run.</summary>
    public IReadOnlyList<string> Arguments => File.ReadAllLines(Recorded("args.txt"));

    /// <summary>A file the last run recorded (<c>stdin.txt</c>, <c>key.txt</c>, <c>cwd.txt</c>, <c>mcp.json</c>, <c>mcp-mode.txt</c>, <c>mcp-path.txt</c>).</summary>
    public string Recorded(string name) => Path.Combine(Folder, name);

    /// <summary>The text of a recorded file, trimmed.</summary>
    public string Read(string name) => File.ReadAllText(Recorded(name)).Trim();

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
