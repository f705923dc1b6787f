using MassGen.Testing;

namespace MassGen.Evaluation.Tests;

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
