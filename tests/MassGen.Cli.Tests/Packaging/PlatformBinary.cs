using System.Buffers.Binary;

namespace MassGen.Cli.Tests.Packaging;

/// <summary>
/// What can be checked of a single file built for another platform without running it: the executable format and
/// processor in its header, and what ships beside it.
/// </summary>
internal static class PlatformBinary
{
    public static string? Folder(string platform) =>
        PackagedProgram.PackagesDirectory is { } directory && Directory.Exists(Path.Combine(directory, "massgen-" + platform))
            ? Path.Combine(directory, "massgen-" + platform)
            : null;

    /// <summary>"ELF x86-64", "ELF aarch64", "Mach-O arm64", "PE32+ x86-64", or what else the header says.</summary>
    public static string Format(string file)
    {
        var header = new byte[512];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(header, 0, Math.Min(header.Length, (int)stream.Length));
        }

        if (header is [0x7F, (byte)'E', (byte)'L', (byte)'F', ..])
        {
            // e_machine, little-endian on every platform built here.
            return BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18)) switch
            {
                0x3E => "ELF x86-64",
                0xB7 => "ELF aarch64",
                var other => $"ELF machine 0x{other:X}",
            };
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header) == 0xFEEDFACF)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)) switch
            {
                0x0100000C => "Mach-O arm64",
                0x01000007 => "Mach-O x86-64",
                var other => $"Mach-O cpu 0x{other:X}",
            };
        }

        if (header is [(byte)'M', (byte)'Z', ..])
        {
            var pe = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x3C));
            if (pe + 26 > header.Length || BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(pe)) != 0x00004550)
            {
                return "MZ without a PE header";
            }

            var machine = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(pe + 4)) switch
            {
                0x8664 => "x86-64",
                0xAA64 => "arm64",
                var other => $"machine 0x{other:X}",
            };
            var kind = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(pe + 24)) == 0x20B ? "PE32+" : "PE32";
            return $"{kind} {machine}";
        }

        return "unknown";
    }

    /// <summary>
    /// Whether a 64-bit Mach-O file has a code signature load command: macOS on Apple silicon runs no unsigned code, and
    /// the SDK signs the program ad hoc on any build machine.
    /// </summary>
    public static bool HasMachOCodeSignature(string file)
    {
        const uint CodeSignature = 0x1D;
        var header = new byte[65536];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(header, 0, Math.Min(header.Length, (int)stream.Length));
        }

        var commands = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16));
        var offset = 32;
        for (var i = 0; i < commands && offset + 8 <= header.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(offset)) == CodeSignature)
            {
                return true;
            }

            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(offset + 4));
        }

        return false;
    }

    /// <summary>The files under <c>runtimes/</c> beside the program, relative and with forward slashes.</summary>
    public static IReadOnlyList<string> NativeFiles(string folder) =>
        Directory.Exists(Path.Combine(folder, "runtimes"))
            ? [.. Directory.EnumerateFiles(Path.Combine(folder, "runtimes"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
            : [];
}
