using System.Globalization;
using System.Text.Json;
using MassGen.Cli.Logging;
using MassGen.Core.Coordination;

namespace MassGen.Cli.Sessions;

/// <summary>
/// Stores sessions under <c>.massgen/sessions/&lt;id&gt;/</c>: <c>session.json</c> (the turns), and per answer a
/// <c>turn_&lt;N&gt;.md</c> to read and a <c>turn_&lt;N&gt;.json</c> that is the record of the turn. Resuming a session
/// gives its turns to the agents as history. Runs continuing the same session at once all keep their turns, numbered
/// in the order they finished (see <see cref="AddTurn"/>); a run sees the turns that were stored when it started.
/// </summary>
internal sealed class SessionStore
{
    private const string SessionFile = "session.json";
    private readonly string _root;
    private readonly TimeProvider _timeProvider;

    public SessionStore(string root, TimeProvider timeProvider)
    {
        _root = root;
        _timeProvider = timeProvider;
    }

    public string Root => _root;

    public SessionRecord Create(string? configSource)
    {
        var now = _timeProvider.GetUtcNow();
        var id = "session-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        return new SessionRecord { SessionId = id, CreatedAt = now, UpdatedAt = now, ConfigSource = configSource };
    }

    public SessionRecord? Find(string sessionId)
    {
        if (sessionId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || sessionId.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(_root, sessionId, SessionFile);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Every stored session, most recently updated first.</summary>
    public IReadOnlyList<SessionRecord> List()
    {
        if (!Directory.Exists(_root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(_root)
            .Select(d => Path.Combine(d, SessionFile))
            .Where(File.Exists)
            .Select(Read)
            .OfType<SessionRecord>()
            .OrderByDescending(s => s.UpdatedAt)
            .ThenByDescending(s => s.SessionId, StringComparer.Ordinal)];
    }

    public SessionRecord? MostRecent()
    {
        var sessions = List();
        return sessions.Count == 0 ? null : sessions[0];
    }

    /// <summary>
    /// Adds an answered turn and saves the session. Safe when several runs continue the same session at once: each
    /// turn claims the next free number by creating its <c>turn_N.md</c> exclusively (no waiting, no lock to leave
    /// behind), then writes its own <c>turn_N.json</c>; <c>session.json</c> is rewritten atomically, and reading merges
    /// every turn file, so no turn is lost and turns are numbered in order of completion.
    /// </summary>
    public SessionRecord AddTurn(SessionRecord session, string question, string answer, string? winnerId, string? runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = _timeProvider.GetUtcNow();
        var directory = Path.Combine(_root, session.SessionId);
        Directory.CreateDirectory(directory);
        var stored = File.Exists(Path.Combine(directory, SessionFile)) ? Read(Path.Combine(directory, SessionFile)) : null;
        var number = ClaimNumber(directory, Math.Max(session.Turns.Count, stored?.Turns.Count ?? 0) + 1, $"# Question\n\n{question.Trim()}\n\n# Answer\n\n{answer.Trim()}\n");
        var turn = new SessionTurn
        {
            Number = number,
            Question = question,
            Answer = answer,
            WinnerId = winnerId,
            RunId = runId,
            AnsweredAt = now,
        };
        WriteAtomically(Path.Combine(directory, TurnFile(number, "json")), JsonSerializer.Serialize(turn, RunLogJson.Indented));
        var updated = WithTurnFiles(session with { UpdatedAt = now, Turns = [.. session.Turns, turn] }, directory);
        WriteAtomically(Path.Combine(directory, SessionFile), JsonSerializer.Serialize(updated, RunLogJson.Indented));
        return updated;
    }

    private static int ClaimNumber(string directory, int first, string markdown)
    {
        for (var number = first; ; number++)
        {
            var path = Path.Combine(directory, TurnFile(number, "md"));
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                using var writer = new StreamWriter(stream);
                writer.Write(markdown);
                return number;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another run finished first and took this number; the next one is free or will be.
            }
        }
    }

    private static string TurnFile(int number, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"turn_{number:D3}.{extension}");

    // A temporary name of its own, so two runs saving the same session never move each other's half-written file.
    private static void WriteAtomically(string path, string contents)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The session with every turn written as its own file merged in (they win over session.json, which may lag).</summary>
    private static SessionRecord WithTurnFiles(SessionRecord session, string directory)
    {
        var turns = new SortedDictionary<int, SessionTurn>();
        foreach (var turn in session.Turns)
        {
            turns[turn.Number] = turn;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "turn_*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize<SessionTurn>(File.ReadAllText(file), RunLogJson.Indented) is { } turn)
                {
                    turns[turn.Number] = turn;
                }
            }
            catch (JsonException)
            {
                // A damaged turn file is skipped; the other turns still count.
            }
        }

        var latest = turns.Values.Select(t => t.AnsweredAt).DefaultIfEmpty(session.UpdatedAt).Max();
        return session with { Turns = [.. turns.Values], UpdatedAt = latest > session.UpdatedAt ? latest : session.UpdatedAt };
    }

    /// <summary>The session's turns as the history the agents see, oldest first.</summary>
    public static IReadOnlyList<ConversationTurn> History(SessionRecord session) =>
        [.. session.Turns.Select(t => new ConversationTurn(t.Question, t.Answer))];

    private static SessionRecord? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SessionRecord>(File.ReadAllText(path), RunLogJson.Indented) is { } session
                ? WithTurnFiles(session, Path.GetDirectoryName(path)!)
                : null;
        }
        catch (JsonException)
        {
            // A damaged session file must not break `massgen sessions`; it is simply not listed.
            return null;
        }
    }
}
