using MassGen.Tools.Workspaces;

namespace MassGen.Tools.Internal;

/// <summary>
/// Makes a destination folder an exact copy of a source folder, copying only files whose size or modification time
/// differ (like <c>rsync</c> without checksums). Symbolic links are skipped, never followed.
/// </summary>
internal static class DirectoryMirror
{
    public static MirrorStatistics Mirror(string source, string destination, CancellationToken cancellationToken = default)
    {
        RemoveIfLink(destination);
        Directory.CreateDirectory(destination);
        var copied = 0;
        var unchanged = 0;
        var removed = 0;
        var links = 0;
        long bytes = 0;

        var sourceDirectory = new DirectoryInfo(source);
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var seenDirectories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in sourceDirectory.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.LinkTarget is not null)
            {
                links++;
                continue;
            }

            var target = Path.Join(destination, entry.Name);
            if (entry is DirectoryInfo)
            {
                seenDirectories.Add(entry.Name);
                if (File.Exists(target))
                {
                    File.Delete(target);
                }

                var inner = Mirror(entry.FullName, target, cancellationToken);
                copied += inner.FilesCopied;
                bytes += inner.BytesCopied;
                unchanged += inner.FilesUnchanged;
                removed += inner.EntriesRemoved;
                links += inner.LinksSkipped;
                continue;
            }

            var file = (FileInfo)entry;
            seenFiles.Add(entry.Name);
            var existing = new FileInfo(target);
            if (existing.Exists && existing.LinkTarget is null && existing.Length == file.Length && existing.LastWriteTimeUtc == file.LastWriteTimeUtc)
            {
                unchanged++;
                continue;
            }

            // Never write through a link someone left at the destination: it could point anywhere.
            RemoveIfLink(target);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            file.CopyTo(target, overwrite: true);
            File.SetLastWriteTimeUtc(target, file.LastWriteTimeUtc);
            copied++;
            bytes += file.Length;
        }

        foreach (var entry in new DirectoryInfo(destination).EnumerateFileSystemInfos())
        {
            var keep = entry is DirectoryInfo && entry.LinkTarget is null ? seenDirectories.Contains(entry.Name) : seenFiles.Contains(entry.Name);
            if (keep)
            {
                continue;
            }

            if (entry is DirectoryInfo directory && entry.LinkTarget is null)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }

            removed++;
        }

        return new MirrorStatistics(copied, bytes, unchanged, removed, links);
    }

    /// <summary>Deletes <paramref name="path"/> when it is a symbolic link (the link itself, never its target).</summary>
    public static void RemoveIfLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info.Delete();
        }
    }
}
