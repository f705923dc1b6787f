namespace MassGen.Tools.WorkspaceTools;

/// <summary>Tells text from binary files, so text tools never feed a model bytes.</summary>
internal static class FileKinds
{
    private static readonly HashSet<string> s_binaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".ico", ".tiff", ".mp3", ".wav", ".ogg", ".flac", ".mp4", ".mov",
        ".avi", ".mkv", ".webm", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".exe", ".dll", ".so", ".dylib",
        ".bin", ".o", ".a", ".class", ".jar", ".pyc", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".sqlite", ".db",
    };

    /// <summary>True when the file is binary by extension or has a NUL byte in its first 8 KiB.</summary>
    public static bool IsBinary(string path)
    {
        if (s_binaryExtensions.Contains(Path.GetExtension(path)))
        {
            return true;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> head = stackalloc byte[8192];
        var read = stream.Read(head);
        return head[..read].Contains((byte)0);
    }
}
