namespace MassGen.Cli.Logging;

/// <summary>Replaces a file in one step, so a reader never sees it half written.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string contents)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
