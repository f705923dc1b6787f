using System.Runtime.CompilerServices;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Teams;

/// <summary>
/// A team as a model: each request runs one coordination, and the response is the team's final answer (streamed as
/// the winner presents it), with the usage of every agent summed. The conversation's last user message is the task,
/// earlier user/assistant exchanges are the history, and system messages travel with the task. A team can thus be an
/// agent of another team (give that agent <see cref="AgentDefinition.DecisionsAsJsonText"/>: the team answers in text).
/// Callers who want the coordination itself ask through <see cref="TeamChatOptions"/>.
/// </summary>
public sealed class TeamChatClient : IChatClient
{
    private readonly Func<CoordinationRequest, CancellationToken, TeamRun> _startRun;
    private readonly ChatClientMetadata _metadata;

    /// <summary>A team of agents run by an <see cref="Orchestrator"/> for each request.</summary>
    /// <param name="name">The team's name, reported as the model id.</param>
    /// <param name="agents">The team.</param>
    /// <param name="options">Coordination settings; defaults when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <exception cref="OrchestratorConfigurationException">The team or options are invalid.</exception>
    public TeamChatClient(string name, IEnumerable<AgentDefinition> agents, OrchestratorOptions? options = null, TimeProvider? timeProvider = null)
        : this(name, StartWith(new Orchestrator(agents, options, timeProvider)))
    {
    }

    /// <summary>
    /// A team whose runs are started by the caller, who may log them, observe them or run them elsewhere (the CLI and
    /// the server start them with their run logs).
    /// </summary>
    /// <param name="name">The team's name, reported as the model id.</param>
    /// <param name="startRun">Starts one coordination for a request; cancelling the token stops it gracefully.</param>
    public TeamChatClient(string name, Func<CoordinationRequest, CancellationToken, TeamRun> startRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(startRun);
        Name = name;
        _startRun = startRun;
        _metadata = new ChatClientMetadata("massgen", null, name);
    }

    /// <summary>The team's name, reported as the model id of every response.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = Start(messages, options, cancellationToken);
        var observer = Observer(options);
        CoordinationResult? result = null;
        await foreach (var coordinationEvent in run.Events.ConfigureAwait(false))
        {
            observer?.Report(coordinationEvent);
            if (coordinationEvent is RunFinished finished)
            {
                result = finished.Result;
            }
        }

        var answer = Answer(run, result, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.FinalAnswer) { MessageId = run.RunId })
        {
            ResponseId = run.RunId,
            ModelId = Name,
            CreatedAt = answer.FinishedAt,
            FinishReason = ChatFinishReason.Stop,
            Usage = ToUsageDetails(answer.TotalUsage),
            RawRepresentation = answer,
            AdditionalProperties = new() { [TeamChatOptions.Result] = answer, [TeamChatOptions.RunId] = run.RunId },
        };
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The final answer streams as the winner presents it. When the presentation fell back to the winning answer, the
    /// answer comes in one piece at the end. With post-evaluation restarts, the stream carries the presentation of the
    /// attempt that was under way; the non-streamed response and the final update's result carry the last one.
    /// </remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var run = Start(messages, options, cancellationToken);
        var observer = Observer(options);
        var includeEvents = options?.AdditionalProperties?.TryGetValue(TeamChatOptions.IncludeEvents, out var include) == true && include is true;
        var streamed = new System.Text.StringBuilder();
        CoordinationResult? result = null;
        await foreach (var coordinationEvent in run.Events.ConfigureAwait(false))
        {
            observer?.Report(coordinationEvent);
            if (coordinationEvent is FinalAnswerDelta delta)
            {
                streamed.Append(delta.Text);
                yield return Update(run, [new TextContent(delta.Text)], includeEvents ? coordinationEvent : null);
            }
            else
            {
                result = (coordinationEvent as RunFinished)?.Result ?? result;
                if (includeEvents)
                {
                    yield return Update(run, [], coordinationEvent);
                }
            }
        }

        var answer = Answer(run, result, cancellationToken);
        var text = streamed.ToString();
        var rest = answer.FinalAnswer!.StartsWith(text, StringComparison.Ordinal) ? answer.FinalAnswer[text.Length..] : "";
        List<AIContent> contents = rest.Length > 0 ? [new TextContent(rest)] : [];
        contents.Add(new UsageContent(ToUsageDetails(answer.TotalUsage)));
        var last = Update(run, contents, answer);
        last.FinishReason = ChatFinishReason.Stop;
        last.AdditionalProperties = new() { [TeamChatOptions.Result] = answer, [TeamChatOptions.RunId] = run.RunId };
        yield return last;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The team's agents belong to whoever built them.
    }

    /// <summary>Usage as Microsoft.Extensions.AI reports it, the cost (when known) under <see cref="TokenUsage.CostNanoUsdKey"/>.</summary>
    public static UsageDetails ToUsageDetails(TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
            CachedInputTokenCount = usage.CachedInputTokens,
        };
        if (usage.CostUsd is { } cost)
        {
            details.AdditionalCounts = new() { [TokenUsage.CostNanoUsdKey] = (long)Math.Round(cost * 1_000_000_000m) };
        }

        return details;
    }

    private static Func<CoordinationRequest, CancellationToken, TeamRun> StartWith(Orchestrator orchestrator) =>
        (request, cancellationToken) => new TeamRun(Guid.NewGuid().ToString("N"), orchestrator.RunAsync(request, cancellationToken));

    private TeamRun Start(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var request = TeamConversation.ToRequest(messages);
        if (options?.AdditionalProperties?.TryGetValue(TeamChatOptions.Control, out var value) == true && value is CoordinationControl control)
        {
            request = request with { Control = control };
        }

        return _startRun(request, cancellationToken);
    }

    private static IProgress<CoordinationEvent>? Observer(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(TeamChatOptions.EventObserver, out var value) == true ? value as IProgress<CoordinationEvent> : null;

    /// <summary>The result with an answer; a stopped caller gets its cancellation, a run without an answer an error.</summary>
    private static CoordinationResult Answer(TeamRun run, CoordinationResult? result, CancellationToken cancellationToken)
    {
        // The run stopped gracefully and is fully logged; the caller who stopped it is told so in the usual way.
        cancellationToken.ThrowIfCancellationRequested();
        if (result is null)
        {
            throw new TeamRunFailedException($"The team's run {run.RunId} ended without finishing (its event stream broke off).");
        }

        return result.FinalAnswer is null ? throw new TeamRunFailedException(run.RunId, result) : result;
    }

    private ChatResponseUpdate Update(TeamRun run, IList<AIContent> contents, object? raw) => new(ChatRole.Assistant, contents)
    {
        ResponseId = run.RunId,
        MessageId = run.RunId,
        ModelId = Name,
        RawRepresentation = raw,
    };
}
