using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MassGen.Shared;

/// <summary>
/// Reads a file the user named (a configuration, a <c>.env</c> file, benchmark data) with limits: only a regular file
/// is opened (a FIFO would block forever, a device such as <c>/dev/zero</c> never ends), and at most a given number of
/// bytes is read, so a wrong path gives a clear message instead of a hang or an out-of-memory crash. Linked into each
/// project that reads user files; every member is internal to that project.
/// </summary>
internal static class InputFile
{
    /// <summary>Why <paramref name="path"/> cannot be read as a <paramref name="kind"/>, or <c>null</c> when it can (or does not exist).</summary>
    public static string? Problem(string path, long maxBytes, string kind)
    {
        if (Directory.Exists(path))
        {
            return $"{path} is a folder, not a file; give the path of the {kind} file.";
        }

        if (!File.Exists(path))
        {
            return null;
        }

        if (FileTypeOf(path) is { } type && type != RegularFile)
        {
            return $"{path} is not a regular file ({Describe(type)}); a {kind} must be a regular file.";
        }

        var length = new FileInfo(path).Length;
        return length > maxBytes ? TooLarge(path, maxBytes, kind) : null;
    }

    /// <summary>
    /// The text of <paramref name="path"/>, read as UTF-8 after <see cref="Problem"/> found nothing wrong; stops after
    /// <paramref name="maxBytes"/> bytes even when the file grows while it is read (or the type check is unavailable).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a regular file or is larger than the limit; the message says which.</exception>
    public static string ReadAllText(string path, long maxBytes, string kind)
    {
        if (Problem(path, maxBytes, kind) is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException(TooLarge(path, maxBytes, kind));
            }

            buffer.Write(chunk, 0, read);
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(StripBom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>A size for messages: "4 MB" for whole megabytes, else the byte count.</summary>
    public static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    private static string TooLarge(string path, long maxBytes, string kind) =>
        $"{path} is larger than the {Size(maxBytes)} limit for a {kind}; check that this is the right file.";

    private static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;

    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    private static string Describe(int type) => type switch
    {
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a plain file",
    };

    /// <summary>
    /// The file type bits of <paramref name="path"/> (following links), or <c>null</c> where they cannot be read. The
    /// runtime's own native shim reports them with one layout on every Unix; the base library exposes only
    /// permissions, and opening a FIFO to find out would block.
    /// </summary>
    private static int? FileTypeOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return NativeMethods.Stat(path, out var status) == 0 ? status.Mode & TypeMask : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);
    }

    /// <summary>The leading fields of the shim's file status, padded well past its full size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public Padding Rest;
    }

    [System.Runtime.CompilerServices.InlineArray(48)]
    private struct Padding
    {
        private long _element;
    }
}
