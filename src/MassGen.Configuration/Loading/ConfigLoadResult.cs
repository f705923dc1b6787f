namespace MassGen.Configuration;

/// <summary>What loading a configuration produced: the configuration (when it has no errors) and every problem found.</summary>
/// <param name="Config">The configuration; <c>null</c> when <see cref="Report"/> has errors.</param>
/// <param name="Report">Every error and warning, with paths and lines.</param>
public sealed record ConfigLoadResult(MassGenConfig? Config, ValidationReport Report)
{
    /// <summary>The configuration, or a <see cref="ConfigurationException"/> carrying the report when it has errors.</summary>
    public MassGenConfig EnsureValid() =>
        Config is not null && !Report.HasErrors ? Config : throw new ConfigurationException(Report);
}
