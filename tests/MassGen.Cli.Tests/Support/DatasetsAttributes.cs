using MassGen.Testing;

namespace MassGen.Cli.Tests.Support;

/// <summary>A fact that is skipped, with the reason shown, when the benchmark datasets are not available.</summary>
internal sealed class DatasetsFactAttribute : FactAttribute
{
    public DatasetsFactAttribute()
    {
        if (TestDatasets.Directory is null)
        {
            Skip = TestDatasets.SkipReason;
        }
    }
}

/// <summary>A theory that is skipped, with the reason shown, when the benchmark datasets are not available.</summary>
internal sealed class DatasetsTheoryAttribute : TheoryAttribute
{
    public DatasetsTheoryAttribute()
    {
        if (TestDatasets.Directory is null)
        {
            Skip = TestDatasets.SkipReason;
        }
    }
}
