using MassGen.Cli.Sessions;
using MassGen.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Cli.Tests.Sessions;

public sealed class SessionStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("massgen-sessions-").FullName;
    private readonly FakeTimeProvider _time = new(EventScript.Start);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AddTurn_TwoTurns_StoredInOrderAndReturnedAsHistory()
    {
        var store = new SessionStore(_root, _time);
        var session = store.Create("team.yaml");

        session = store.AddTurn(session, "Q1", "A1", "critic", "run-1");
        _time.Advance(TimeSpan.FromMinutes(1));
        store.AddTurn(session, "Q2", "A2", "fast", "run-2");

        var reloaded = store.Find(session.SessionId)!;
        Assert.Equal([("Q1", "A1"), ("Q2", "A2")], SessionStore.History(reloaded).Select(t => (t.User, t.Assistant)));
        Assert.Equal("team.yaml", reloaded.ConfigSource);
        Assert.True(File.Exists(Path.Combine(_root, session.SessionId, "turn_002.md")));
    }

    [Fact]
    public void MostRecent_SeveralSessions_IsTheLastUpdated()
    {
        var store = new SessionStore(_root, _time);
        var older = store.AddTurn(store.Create(null), "old", "a", null, null);
        _time.Advance(TimeSpan.FromMinutes(1));
        var newer = store.AddTurn(store.Create(null), "new", "a", null, null);
        _time.Advance(TimeSpan.FromMinutes(1));
        store.AddTurn(older, "old again", "a", null, null);

        Assert.Equal(older.SessionId, store.MostRecent()!.SessionId);
        Assert.Equal(2, store.List().Count);
        Assert.NotEqual(older.SessionId, newer.SessionId);
    }

    [Fact]
    public void Find_PathTraversalOrDamagedFile_ReturnsNothing()
    {
        var store = new SessionStore(_root, _time);
        Directory.CreateDirectory(Path.Combine(_root, "broken"));
        File.WriteAllText(Path.Combine(_root, "broken", "session.json"), "{ not json");

        Assert.Null(store.Find("../etc"));
        Assert.Null(store.Find("broken"));
        Assert.Empty(store.List());
    }
}
