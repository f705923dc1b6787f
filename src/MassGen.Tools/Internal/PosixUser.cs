using System.Runtime.InteropServices;

namespace MassGen.Tools.Internal;

/// <summary>The real user and group ids of this process (Unix).</summary>
internal static partial class PosixUser
{
    /// <summary>The user id, or null where there is none (Windows).</summary>
    public static uint? UserId => OperatingSystem.IsWindows() ? null : GetUid();

    /// <summary>The group id, or null where there is none (Windows).</summary>
    public static uint? GroupId => OperatingSystem.IsWindows() ? null : GetGid();

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    private static partial uint GetGid();
}
