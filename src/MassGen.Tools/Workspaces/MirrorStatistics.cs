namespace MassGen.Tools.Workspaces;

/// <summary>What one folder mirror did.</summary>
/// <param name="FilesCopied">Files copied because they were new or changed.</param>
/// <param name="BytesCopied">Bytes in those files.</param>
/// <param name="FilesUnchanged">Files left alone because size and modification time matched.</param>
/// <param name="EntriesRemoved">Files and folders removed because the source no longer had them.</param>
/// <param name="LinksSkipped">Symbolic links not copied (a link could point a reader outside its allowed folders).</param>
internal sealed record MirrorStatistics(int FilesCopied, long BytesCopied, int FilesUnchanged, int EntriesRemoved, int LinksSkipped)
{
    /// <summary>Nothing done.</summary>
    public static MirrorStatistics None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>True when the mirror changed the destination.</summary>
    public bool Changed => FilesCopied > 0 || EntriesRemoved > 0;

    /// <summary>Adds two statistics.</summary>
    public MirrorStatistics Add(MirrorStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(FilesCopied + other.FilesCopied, BytesCopied + other.BytesCopied, FilesUnchanged + other.FilesUnchanged, EntriesRemoved + other.EntriesRemoved, LinksSkipped + other.LinksSkipped);
    }
}
