using System.Globalization;
using System.Text.Json;
using MassGen.Cli.Logging;
using MassGen.Core.Coordination;

namespace MassGen.Cli.Sessions;

/// <summary>
/// Stores sessions under <c>.massgen/sessions/&lt;id&gt;/</c>: <c>session.json</c> (the turns) and one
/// <c>turn_&lt;N&gt;.md</c> per answer. Resuming a session gives its turns to the agents as history.
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

    /// <summary>Adds an answered turn and saves the session (atomically).</summary>
    public SessionRecord AddTurn(SessionRecord session, string question, string answer, string? winnerId, string? runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = _timeProvider.GetUtcNow();
        var turn = new SessionTurn
        {
            Number = session.Turns.Count + 1,
            Question = question,
            Answer = answer,
            WinnerId = winnerId,
            RunId = runId,
            AnsweredAt = now,
        };
        var updated = session with { UpdatedAt = now, Turns = [.. session.Turns, turn] };
        var directory = Path.Combine(_root, session.SessionId);
        Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"turn_{turn.Number:D3}.md")),
            $"# Question\n\n{question.Trim()}\n\n# Answer\n\n{answer.Trim()}\n");
        AtomicFile.Write(Path.Combine(directory, SessionFile), JsonSerializer.Serialize(updated, RunLogJson.Indented));
        return updated;
    }

    /// <summary>The session's turns as the history the agents see, oldest first.</summary>
    public static IReadOnlyList<ConversationTurn> History(SessionRecord session) =>
        [.. session.Turns.Select(t => new ConversationTurn(t.Question, t.Answer))];

    private static SessionRecord? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SessionRecord>(File.ReadAllText(path), RunLogJson.Indented);
        }
        catch (JsonException)
        {
            // A damaged session file must not break `massgen sessions`; it is simply not listed.
            return null;
        }
    }
}
