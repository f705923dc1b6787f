namespace MassGen.Cli.Tests.Packaging;

/// <summary>A fact about the single file of one platform from build/publish; it skips, saying so, without it.</summary>
public sealed class PlatformBinaryFactAttribute : FactAttribute
{
    public PlatformBinaryFactAttribute(string platform)
    {
        if (PlatformBinary.Folder(platform) is null)
        {
            Skip = $"No {platform} single file: run build/publish {platform} and set {PackagedProgram.PackagesVariable} to its output folder.";
        }
    }
}
