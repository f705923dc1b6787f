namespace MassGen.Tools.Tests.Support;

/// <summary>
/// A fake <c>docker</c> program (a shell script) that records every call's arguments and behaves as told: a daemon
/// that answers or not, and a <c>run</c> that prints or hangs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class FakeDocker : IDisposable
{
    private const char Separator = '\u001f';
    private readonly TempFolder _folder = new();

    public FakeDocker(bool daemonUp = true, string run = "echo ran-in-fake-container")
    {
        Directory = _folder.Combine("bin");
        System.IO.Directory.CreateDirectory(Directory);
        Executable = Path.Join(Directory, "docker");
        var version = daemonUp
            ? "echo 28.2.2"
            : "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1";
        File.WriteAllText(Executable, $$"""
            #!/bin/sh
            { printf 'CALL'; for a in "$@"; do printf '\037%s' "$a"; done; printf '\n'; } >> '{{CallsFile}}'
            case "$1" in
              version) {{version}} ;;
              run) {{run}} ;;
              kill) exit 0 ;;
            esac

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The folder holding the fake, to put first on a PATH.</summary>
    public string Directory { get; }

    public string Executable { get; }

    private string CallsFile => _folder.Combine("calls");

    /// <summary>Every call's arguments, in order.</summary>
    public List<List<string>> Calls() =>
        File.Exists(CallsFile)
            ? [.. File.ReadAllLines(CallsFile).Where(l => l.StartsWith("CALL", StringComparison.Ordinal)).Select(l => l.Split(Separator).Skip(1).ToList())]
            : [];

    public void Dispose() => _folder.Dispose();
}
