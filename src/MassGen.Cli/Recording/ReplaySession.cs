using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Recording;

/// <summary>
/// Answers a replayed run's requests from a recording: each agent's request is matched by its hash to the agent's next
/// unused recorded call with that hash; a request with no match is the replay's error, naming the closest recorded
/// request and how it differs.
/// </summary>
internal sealed class ReplaySession
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<RecordedCall>> _unused;

    /// <param name="recording">The recording.</param>
    /// <param name="timeProvider">The clock for real-time pacing and the stall limit.</param>
    /// <param name="speed">Playback speed: 1 is real time, 2 twice as fast; null as fast as possible.</param>
    /// <param name="stallLimit">See <see cref="ReplaySequencer"/>.</param>
    public ReplaySession(RunRecording recording, TimeProvider timeProvider, double? speed, TimeSpan? stallLimit)
    {
        Recording = recording;
        TimeProvider = timeProvider;
        Speed = speed;
        Sequencer = new ReplaySequencer(timeProvider, stallLimit);
        _unused = recording.Calls.GroupBy(c => c.AgentId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Number).ToList(), StringComparer.Ordinal);
    }

    public RunRecording Recording { get; }

    public TimeProvider TimeProvider { get; }

    public double? Speed { get; }

    public ReplaySequencer Sequencer { get; }

    /// <summary>The first request that was not in the recording, as the message to show.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>Called once, with the message, when the first unrecorded request arrives (the command stops the run).</summary>
    public Action<string>? OnMismatch { get; init; }

    public int CallsAnswered { get; private set; }

    public IChatClient ClientFor(string agentId) => new ReplayChatClient(this, agentId);

    /// <summary>The recorded call answering this request.</summary>
    /// <exception cref="ReplayMismatchException">The recording has no such request.</exception>
    public RecordedCall Take(string agentId, int callNumber, JsonObject request)
    {
        var hash = ExchangeFingerprint.Hash(request);
        string message;
        lock (_gate)
        {
            var mine = _unused.GetValueOrDefault(agentId) ?? [];
            var index = mine.FindIndex(c => c.Hash == hash);
            if (index >= 0)
            {
                var call = mine[index];
                mine.RemoveAt(index);
                CallsAnswered++;
                return call;
            }

            message = Describe(agentId, callNumber, hash, request, mine);
            if (Mismatch is null)
            {
                Mismatch = message;
            }
            else
            {
                message = Mismatch;
            }
        }

        OnMismatch?.Invoke(message);
        throw new ReplayMismatchException(message);
    }

    private string Describe(string agentId, int callNumber, string hash, JsonObject request, List<RecordedCall> mine)
    {
        var text = new StringBuilder($"Replay: agent '{agentId}' sent a request that is not in the recording (its call #{callNumber}, hash {hash}).");
        var candidates = mine.Count > 0 ? mine : [.. _unused.Values.SelectMany(c => c)];
        var closest = candidates.MinBy(c => ExchangeFingerprint.Distance(c.Request, request));
        if (closest is null)
        {
            text.Append(" The recording has no unused request left for it: the replayed run made more calls than the original.");
            return text.ToString();
        }

        text.Append($" The closest recorded request is agent '{closest.AgentId}' call #{closest.Number} (hash {closest.Hash}, line {closest.Line}); it differs in:");
        foreach (var difference in ExchangeFingerprint.Differences(closest.Request, request))
        {
            text.Append(Environment.NewLine).Append("  ").Append(difference);
        }

        text.Append(Environment.NewLine).Append("Replay the run with the configuration and question it was recorded with, or record it again.");
        return text.ToString();
    }
}
