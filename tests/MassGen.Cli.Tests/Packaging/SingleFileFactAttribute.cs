namespace MassGen.Cli.Tests.Packaging;

/// <summary>A fact that needs the linux-x64 single file from build/publish and bubblewrap; it skips, saying so, without them.</summary>
public sealed class SingleFileFactAttribute : FactAttribute
{
    public SingleFileFactAttribute()
    {
        Timeout = PackagedProgram.Timeout;
        if (PackagedProgram.SingleFile is null)
        {
            Skip = $"No linux-x64 single file: run build/publish linux-x64 and set {PackagedProgram.PackagesVariable} to its output folder (.ci/run does).";
        }
        else if (PackagedProgram.Bubblewrap is null)
        {
            Skip = "bubblewrap (bwrap) is not installed, so the .NET installation cannot be hidden from the single file.";
        }
    }
}
