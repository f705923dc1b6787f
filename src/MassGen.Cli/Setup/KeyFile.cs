using System.Text;

namespace MassGen.Cli.Setup;

/// <summary>
/// The user's key file <c>~/.massgen/.env</c>: keys are added or replaced line by line, the other lines are kept, and
/// the file is readable by its owner only (mode 0600).
/// </summary>
internal static class KeyFile
{
    public static string PathIn(string homeDirectory) => Path.Combine(homeDirectory, ".massgen", ".env");

    public static void Store(string homeDirectory, IReadOnlyDictionary<string, string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        var path = PathIn(homeDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = File.Exists(path) ? [.. File.ReadAllLines(path)] : new List<string>();
        foreach (var (name, value) in keys)
        {
            var line = $"{name}={value}";
            var index = lines.FindIndex(l => l.TrimStart().StartsWith(name + "=", StringComparison.Ordinal));
            if (index >= 0)
            {
                lines[index] = line;
            }
            else
            {
                lines.Add(line);
            }
        }

        // The file is created owner-only before the first key is written, so no other user can ever read a key.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        using var writer = new StreamWriter(path, new UTF8Encoding(false), options);
        foreach (var line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }
}
