namespace MassGen.Cli.Tests.Telemetry;

/// <summary>
/// Tests that export traces run alone: an OpenTelemetry tracer provider listens to every activity in the process, so a
/// run of a test running beside them would land in their collector as a second run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExportedTracesGroup
{
    public const string Name = "Exported traces";
}
