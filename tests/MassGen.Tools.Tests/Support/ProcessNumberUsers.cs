namespace MassGen.Tools.Tests.Support;

/// <summary>
/// Tests that go through the machine's process numbers on purpose (a fork bomb) or choose the next one (through
/// <c>ns_last_pid</c>) run one at a time: a fork bomb takes every free number within seconds, so a test waiting for a
/// given number would not get it while one runs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessNumberUsers
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process numbers";
}
