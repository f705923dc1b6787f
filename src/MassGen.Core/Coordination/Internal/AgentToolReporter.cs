using MassGen.Core.Agents;
using MassGen.Core.Events;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Turns a tool's notices into <see cref="ToolNotice"/> events, in order with everything else.</summary>
internal sealed class AgentToolReporter(CoordinationRun run, string agentId) : IToolEventReporter
{
    public void Report(string source, ToolNoticeSeverity severity, string message) =>
        run.Post(new PublishMessage(null, new ToolNotice(agentId, source, severity, message)));
}
