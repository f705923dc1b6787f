using System.Text;

namespace MassGen.Tools.Commands;

/// <summary>
/// Collects a process's output with a bounded memory footprint: the first and the last half of the character budget
/// are kept (the start shows what ran, the end usually holds the error), everything between is only counted.
/// Thread-safe: standard output and standard error are appended from two readers.
/// </summary>
internal sealed class OutputCapture(int maxCharacters)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private readonly int _headBudget = maxCharacters / 2;
    private readonly int _tailBudget = maxCharacters - (maxCharacters / 2);
    private long _total;

    /// <summary>Total characters seen.</summary>
    public long TotalCharacters
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Append(ReadOnlySpan<char> chunk)
    {
        lock (_gate)
        {
            _total += chunk.Length;
            var toHead = Math.Min(chunk.Length, _headBudget - _head.Length);
            if (toHead > 0)
            {
                _head.Append(chunk[..toHead]);
                chunk = chunk[toHead..];
            }

            if (chunk.Length == 0)
            {
                return;
            }

            _tail.Append(chunk.Length > _tailBudget ? chunk[^_tailBudget..] : chunk);

            // Trim in large steps so appending stays amortised O(1).
            if (_tail.Length > 2 * _tailBudget)
            {
                _tail.Remove(0, _tail.Length - _tailBudget);
            }
        }
    }

    /// <summary>The kept output, with a note saying how much was left out when it did not all fit.</summary>
    public string Render()
    {
        lock (_gate)
        {
            var tail = _tail.Length > _tailBudget ? _tail.ToString(_tail.Length - _tailBudget, _tailBudget) : _tail.ToString();
            var omitted = _total - _head.Length - tail.Length;
            if (omitted <= 0)
            {
                return _head.ToString() + tail;
            }

            return $"{_head}\n[... output truncated: {omitted:N0} of {_total:N0} characters left out; showing the first {_head.Length:N0} and the last {tail.Length:N0}. Redirect the output to a file in your workspace and search it if you need more ...]\n{tail}";
        }
    }
}
