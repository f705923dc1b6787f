namespace MassGen.Testing;

/// <summary>
/// Finds the shared benchmark datasets: MASSGEN_DATASETS_DIR when set, else the folder shared/datasets next to
/// the repository root (the folder holding MassGen.slnx). The data is never copied into the repository.
/// </summary>
public static class TestDatasets
{
    private static readonly Lazy<string?> s_directory = new(Locate);

    public static string? Directory => s_directory.Value;

    public static string SkipReason =>
        "The benchmark datasets were not found: set MASSGEN_DATASETS_DIR to the datasets folder, or place it at "
        + "<repository root>/../shared/datasets.";

    public static string PathOf(string relative) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(SkipReason), relative);

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("MASSGEN_DATASETS_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return System.IO.Directory.Exists(configured) ? configured : null;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MassGen.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "datasets"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
