using MassGen.Core.Agents;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Coordination;

/// <summary>An <see cref="IAgentEnvironment"/> that records every call, with a workspace path per agent.</summary>
internal sealed class RecordingEnvironment(string workspace, Func<string, string>? workspaceOf = null, IReadOnlyList<AITool>? tools = null) : IAgentEnvironment
{
    private readonly Lock _gate = new();

    public List<string> Calls { get; } = [];

    public List<TurnPreparation> Preparations { get; } = [];

    public string? SystemPromptSection => $"Your workspace is {workspace}.";

    public ValueTask InitializeAsync(IToolEventReporter reporter, CancellationToken cancellationToken = default)
    {
        Record("initialize");
        reporter.Report("mcp:files", ToolNoticeSeverity.Information, "server started");
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<AITool> GetTools()
    {
        Record("tools");
        return tools ?? [];
    }

    public ValueTask BeforeTurnAsync(TurnPreparation preparation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Preparations.Add(preparation);
        }

        Record(preparation.IsFinalPresentation ? "before-final" : "before");
        return ValueTask.CompletedTask;
    }

    public ValueTask OnAnswerAcceptedAsync(CancellationToken cancellationToken = default)
    {
        Record("accepted");
        return ValueTask.CompletedTask;
    }

    public string RewriteAnswerForViewer(string answer, string authorId, string authorLabel) =>
        workspaceOf is null ? answer : answer.Replace(workspaceOf(authorId), "/shared/" + authorLabel, StringComparison.Ordinal);

    public string NormalizeAnswer(string answer) => answer.Replace(workspace, "<workspace>", StringComparison.Ordinal);

    private void Record(string call)
    {
        lock (_gate)
        {
            Calls.Add(call);
        }
    }
}

/// <summary>An environment whose answer rewriting and normalising throw, to prove a faulty environment cannot stop a run.</summary>
internal sealed class FaultyEnvironment : IAgentEnvironment
{
    public string? SystemPromptSection => null;

    public ValueTask InitializeAsync(IToolEventReporter reporter, CancellationToken cancellationToken = default) => throw new InvalidOperationException("cannot start");

    public IReadOnlyList<AITool> GetTools() => [];

    public ValueTask BeforeTurnAsync(TurnPreparation preparation, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask OnAnswerAcceptedAsync(CancellationToken cancellationToken = default) => throw new IOException("snapshot failed");

    public string RewriteAnswerForViewer(string answer, string authorId, string authorLabel) => throw new InvalidOperationException("rewrite failed");

    public string NormalizeAnswer(string answer) => throw new InvalidOperationException("normalise failed");
}
