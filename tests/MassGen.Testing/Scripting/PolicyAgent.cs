using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace MassGen.Testing.Scripting;

/// <summary>
/// A model that plays by a policy instead of a script, for teams too large to script turn by turn: it answers once
/// with <see cref="Answer"/>; when voting, it votes (with probability <see cref="Recognition"/>, seeded) for an answer it
/// can see that contains <see cref="RightMarker"/>, otherwise for a seeded random candidate; when asked to present, it
/// writes its own answer. It counts the characters it is sent, and can be made to fail every call.
/// </summary>
public sealed partial class PolicyAgent : IChatClient
{
    private readonly Random _random;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;
    private long _inputChars;
    private int _calls;
    private int _answered;

    /// <param name="answer">What the agent answers (once).</param>
    /// <param name="seed">Seeds its choices, so a run is reproducible.</param>
    /// <param name="delay">How long each call takes on <paramref name="timeProvider"/>; none by default.</param>
    /// <param name="timeProvider">The clock of the delay.</param>
    public PolicyAgent(string answer, int seed, TimeSpan delay = default, TimeProvider? timeProvider = null)
    {
        Answer = answer;
        _random = new Random(seed);
        _delay = delay;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Answer { get; }

    /// <summary>Text that marks an answer as right; the agent recognises it with probability <see cref="Recognition"/>.</summary>
    public string RightMarker { get; init; } = "RIGHT";

    public double Recognition { get; init; } = 1.0;

    /// <summary>When true every call fails (a provider that is down).</summary>
    public bool Fails { get; init; }

    /// <summary>Characters of every message sent to this agent so far.</summary>
    public long InputChars => Interlocked.Read(ref _inputChars);

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>When true, the text of every message sent is kept for <see cref="HasSeen"/>.</summary>
    public bool KeepsRequests { get; init; }

    private readonly List<string> _seen = [];

    /// <summary>Whether any message sent to this agent contained <paramref name="text"/> (needs <see cref="KeepsRequests"/>).</summary>
    public bool HasSeen(string text)
    {
        lock (_seen)
        {
            return _seen.Any(s => s.Contains(text, StringComparison.Ordinal));
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var chars = list.Sum(m => m.Text.Length);
        Interlocked.Add(ref _inputChars, chars);
        Interlocked.Increment(ref _calls);
        if (KeepsRequests)
        {
            lock (_seen)
            {
                _seen.AddRange(list.Select(m => m.Text));
            }
        }
        if (_delay > TimeSpan.Zero)
        {
            await Task.Delay(_delay, _time, cancellationToken).ConfigureAwait(false);
        }

        if (Fails)
        {
            throw new HttpRequestException("the provider is down");
        }

        AIContent content;
        lock (_random)
        {
            content = Decide(list, options);
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [content]);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = chars / 4, OutputTokenCount = 10 })]);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private AIContent Decide(List<ChatMessage> messages, ChatOptions? options)
    {
        var tools = (options?.Tools ?? []).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (tools.Contains("new_answer") && Interlocked.Exchange(ref _answered, 1) == 0)
        {
            return Call("new_answer", new() { ["content"] = Answer });
        }

        if (tools.Contains("vote"))
        {
            var answers = VisibleAnswers(messages);
            var right = answers.Where(a => a.Value.Contains(RightMarker, StringComparison.Ordinal)).Select(a => a.Key).ToList();
            var label = right.Count > 0 && _random.NextDouble() < Recognition
                ? right[_random.Next(right.Count)]
                : answers.Keys.ElementAt(_random.Next(answers.Count));
            return Call("vote", new() { ["agent_id"] = label, ["reason"] = "it looks right" });
        }

        return new TextContent(Answer);
    }

    /// <summary>The newest answer shown under each label (<c>&lt;agentN&gt;…&lt;/agentN&gt;</c>), in label order.</summary>
    private static SortedDictionary<string, string> VisibleAnswers(List<ChatMessage> messages)
    {
        var answers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            foreach (Match match in AnswerBlock().Matches(message.Text))
            {
                answers[match.Groups[1].Value] = match.Groups[2].Value;
            }
        }

        return answers;
    }

    private static FunctionCallContent Call(string name, Dictionary<string, object?> arguments) => new(Guid.NewGuid().ToString("N"), name, arguments);

    [GeneratedRegex(@"<(agent\d+)>\n(.*?)\n</\1>", RegexOptions.Singleline)]
    private static partial Regex AnswerBlock();
}
