namespace MassGen.Tools.Permissions;

/// <summary>What a tool wants to do with a path.</summary>
internal enum FileAccessKind
{
    Read,
    Write,
    Delete,
}
