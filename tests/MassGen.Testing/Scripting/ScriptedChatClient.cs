using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Testing.Scripting;

/// <summary>
/// An <see cref="IChatClient"/> that plays a queue of scripted responses, one per model call, and records every
/// request. Delays run on the injected <see cref="TimeProvider"/>; when the script runs out the call fails with a
/// message saying so (it never hangs).
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private readonly Queue<ScriptedResponse> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Arrived)> _requestWaiters = [];
    private readonly TimeProvider _timeProvider;
    private int _cancellationsObserved;
    private int _callCounter;

    /// <summary>Creates a client named <paramref name="name"/> (used in error messages and response metadata).</summary>
    public ScriptedChatClient(string name, TimeProvider? timeProvider = null, params ScriptedResponse[] responses)
    {
        Name = name;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Enqueue(responses);
    }

    /// <summary>The client's name.</summary>
    public string Name { get; }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many calls noticed that they were cancelled.</summary>
    public int CancellationsObserved => Volatile.Read(ref _cancellationsObserved);

    /// <summary>Scripted responses not yet played.</summary>
    public int RemainingResponses
    {
        get
        {
            lock (_gate)
            {
                return _script.Count;
            }
        }
    }

    /// <summary>Appends responses to the script.</summary>
    public ScriptedChatClient Enqueue(params ScriptedResponse[] responses)
    {
        lock (_gate)
        {
            foreach (var response in responses)
            {
                _script.Enqueue(response);
            }
        }

        return this;
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _requestWaiters.Add((count, arrived));
            return arrived.Task;
        }
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in PlayAsync(messages, options, streaming: false, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        PlayAsync(messages, options, streaming: true, cancellationToken);

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private async IAsyncEnumerable<ChatResponseUpdate> PlayAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (request, response) = Record(messages, options, streaming);
        var responseId = $"{Name}-{request.Index + 1}";
        foreach (var step in response.Steps)
        {
            ThrowIfCancelled(cancellationToken);
            AIContent? content = null;
            switch (step)
            {
                case ScriptStep.TextStep text:
                    content = new TextContent(text.Text);
                    break;
                case ScriptStep.ReasoningStep reasoning:
                    content = new TextReasoningContent(reasoning.Text);
                    break;
                case ScriptStep.CallStep call:
                    var callId = $"call_{Interlocked.Increment(ref _callCounter)}";
                    content = FunctionCallContent.CreateFromParsedArguments(
                        call.ArgumentsJson(request),
                        callId,
                        call.ToolName,
                        static json => JsonSerializer.Deserialize<Dictionary<string, object?>>(json));
                    break;
                case ScriptStep.UsageStep usage:
                    content = new UsageContent(usage.Details);
                    break;
                case ScriptStep.DelayStep delay:
                    await ObserveAsync(Task.Delay(delay.Delay, _timeProvider, cancellationToken)).ConfigureAwait(false);
                    break;
                case ScriptStep.ThrowStep thrown:
                    throw thrown.Exception;
                case ScriptStep.HangStep:
                    await ObserveAsync(Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken)).ConfigureAwait(false);
                    break;
                case ScriptStep.WaitStep wait:
                    await ObserveAsync(wait.Barrier.WaitAsync(cancellationToken)).ConfigureAwait(false);
                    break;
                case ScriptStep.SignalStep signal:
                    signal.Barrier.TrySetResult();
                    break;
            }

            if (content is not null)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ResponseId = responseId, MessageId = responseId, ModelId = Name };
            }
        }

        ThrowIfCancelled(cancellationToken);
    }

    private (RecordedRequest Request, ScriptedResponse Response) Record(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        lock (_gate)
        {
            var request = new RecordedRequest(_requests.Count, messages, options, streaming);
            _requests.Add(request);
            foreach (var waiter in _requestWaiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                _requestWaiters.Remove(waiter);
                waiter.Arrived.TrySetResult();
            }

            if (!_script.TryDequeue(out var response))
            {
                throw new InvalidOperationException(
                    $"ScriptedChatClient '{Name}' has no scripted response left for request #{_requests.Count}: " +
                    $"the test scripted {_requests.Count - 1} response(s). Enqueue more responses or check why the code under test called the model again.");
            }

            return (request, response);
        }
    }

    private void ThrowIfCancelled(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _cancellationsObserved);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task ObserveAsync(Task wait)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancellationsObserved);
            throw;
        }
    }
}
