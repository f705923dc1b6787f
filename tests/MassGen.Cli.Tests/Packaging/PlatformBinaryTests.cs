namespace MassGen.Cli.Tests.Packaging;

/// <summary>
/// The single files of every platform build/publish makes. Those of other processors and systems cannot run here, so
/// these check what can be checked: the executable's format and processor, llama.cpp's native libraries for that
/// platform and no other, the examples, the licence and the download archive. The linux-x64 file is also run
/// (<see cref="SingleFileTests"/>).
/// </summary>
public sealed class PlatformBinaryTests
{
    [PlatformBinaryFact("linux-x64")]
    public void Publish_LinuxX64_IsAnElfX64WithItsNativeLibraries() =>
        AssertPlatform("linux-x64", "massgen", "ELF x86-64", "runtimes/linux-x64/native/avx2/libllama.so", "tar.gz");

    [PlatformBinaryFact("linux-arm64")]
    public void Publish_LinuxArm64_IsAnElfAarch64WithItsNativeLibraries() =>
        AssertPlatform("linux-arm64", "massgen", "ELF aarch64", "runtimes/linux-arm64/native/libllama.so", "tar.gz");

    [PlatformBinaryFact("osx-arm64")]
    public void Publish_OsxArm64_IsASignedMachOArm64WithItsNativeLibraries()
    {
        AssertPlatform("osx-arm64", "massgen", "Mach-O arm64", "runtimes/osx-arm64/native/libllama.dylib", "tar.gz");
        Assert.True(PlatformBinary.HasMachOCodeSignature(Path.Combine(PlatformBinary.Folder("osx-arm64")!, "massgen")), "macOS on Apple silicon does not run an unsigned program");
    }

    [PlatformBinaryFact("win-x64")]
    public void Publish_WinX64_IsAPe32PlusX64WithItsNativeLibraries() =>
        AssertPlatform("win-x64", "massgen.exe", "PE32+ x86-64", "runtimes/win-x64/native/avx2/llama.dll", "zip");

    private static void AssertPlatform(string platform, string program, string format, string llama, string archive)
    {
        var folder = PlatformBinary.Folder(platform)!;
        var file = Path.Combine(folder, program);

        Assert.True(File.Exists(file), $"{file} is missing");
        Assert.Equal(format, PlatformBinary.Format(file));
        // Self-contained and single: the runtime and every managed assembly are inside the one file.
        Assert.True(new FileInfo(file).Length > 40_000_000, $"{file} is only {new FileInfo(file).Length} bytes: the runtime is not bundled");
        Assert.Empty(Directory.GetFiles(folder, "*.dll"));
        var native = PlatformBinary.NativeFiles(folder);
        Assert.Contains(llama, native);
        Assert.All(native, f => Assert.StartsWith($"runtimes/{platform}/native/", f));
        Assert.True(File.Exists(Path.Combine(folder, "examples", "single-agent.yaml")), "the examples are not beside the program");
        Assert.Contains("Apache License", File.ReadAllText(Path.Combine(folder, "LICENSE")));
        Assert.True(File.Exists($"{folder}.{archive}"), $"{folder}.{archive} is missing");
    }
}
