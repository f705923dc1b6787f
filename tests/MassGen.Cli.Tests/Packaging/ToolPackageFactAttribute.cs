namespace MassGen.Cli.Tests.Packaging;

/// <summary>A fact that needs the massgen tool package from build/publish; it skips, saying so, without it.</summary>
public sealed class ToolPackageFactAttribute : FactAttribute
{
    public ToolPackageFactAttribute()
    {
        Timeout = PackagedProgram.Timeout;
        if (PackagedProgram.ToolPackage is null)
        {
            Skip = $"No massgen tool package: run build/publish tool and set {PackagedProgram.PackagesVariable} to its output folder (.ci/run does).";
        }
    }
}
