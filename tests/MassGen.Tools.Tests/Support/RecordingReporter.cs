using System.Collections.Concurrent;
using MassGen.Core.Agents;

namespace MassGen.Tools.Tests.Support;

/// <summary>Collects every notice tools report.</summary>
public sealed class RecordingReporter : IToolEventReporter
{
    private readonly ConcurrentQueue<(string Source, ToolNoticeSeverity Severity, string Message)> _notices = new();

    public IReadOnlyList<(string Source, ToolNoticeSeverity Severity, string Message)> Notices => [.. _notices];

    public void Report(string source, ToolNoticeSeverity severity, string message) => _notices.Enqueue((source, severity, message));
}
