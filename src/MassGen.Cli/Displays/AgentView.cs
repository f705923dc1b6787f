using System.Text;
using MassGen.Core.Results;

namespace MassGen.Cli.Displays;

/// <summary>One agent's column: identity, what it is doing, and the tail of what it streamed.</summary>
internal sealed class AgentView
{
    // Only the end of an agent's stream is ever shown; keeping a bounded tail keeps a long run's memory flat.
    private const int MaxTailCharacters = 4000;
    private readonly StringBuilder _tail = new();

    public AgentView(string id, string label, string? model)
    {
        Id = id;
        Label = label;
        Model = model;
    }

    public string Id { get; }

    public string Label { get; }

    public string? Model { get; }

    public AgentActivity Activity { get; set; } = AgentActivity.Waiting;

    /// <summary>Words after the status, e.g. the label voted for or the retry delay.</summary>
    public string? ActivityDetail { get; set; }

    public int TurnNumber { get; set; }

    public int AnswerCount { get; set; }

    public string? VotedForLabel { get; set; }

    public TokenUsage Usage { get; set; } = TokenUsage.Zero;

    public string Tail => _tail.ToString();

    public void AppendText(string text)
    {
        _tail.Append(text);
        if (_tail.Length > MaxTailCharacters)
        {
            _tail.Remove(0, _tail.Length - MaxTailCharacters);
        }
    }

    /// <summary>Starts a new line in the tail for a status or tool line, unless the tail already ends with one.</summary>
    public void AppendLine(string line)
    {
        if (_tail.Length > 0 && _tail[^1] != '\n')
        {
            _tail.Append('\n');
        }

        AppendText(line + "\n");
    }

    public void ClearTail() => _tail.Clear();

    /// <summary>The status in words, as shown in a column title and in status.json.</summary>
    public string DescribeActivity() => Activity switch
    {
        AgentActivity.Waiting => "waiting",
        AgentActivity.Thinking => "thinking",
        AgentActivity.Answering => "answering",
        AgentActivity.CallingTool => $"calling {ActivityDetail}",
        AgentActivity.Answered => $"answered ({AnswerCount})",
        AgentActivity.Voted => $"voted for {VotedForLabel}",
        AgentActivity.VoteDiscarded => "vote discarded",
        AgentActivity.Retrying => $"retrying {ActivityDetail}",
        AgentActivity.Failed => "failed",
        AgentActivity.TimedOut => "timed out",
        AgentActivity.Cancelled => "cancelled",
        AgentActivity.Presenting => "presenting",
        AgentActivity.Presented => "presented",
        _ => Activity.ToString().ToLowerInvariant(),
    };
}
