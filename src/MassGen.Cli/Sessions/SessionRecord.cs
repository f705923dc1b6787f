namespace MassGen.Cli.Sessions;

/// <summary>A multi-turn session as stored in <c>.massgen/sessions/&lt;id&gt;/session.json</c>.</summary>
internal sealed record SessionRecord
{
    public required string SessionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Where the team came from (a config path, quick mode, or the default team), so a resumed session can say it.</summary>
    public string? ConfigSource { get; init; }

    public IReadOnlyList<SessionTurn> Turns { get; init; } = [];
}

/// <summary>One answered question of a session.</summary>
internal sealed record SessionTurn
{
    public required int Number { get; init; }

    public required string Question { get; init; }

    public required string Answer { get; init; }

    public string? WinnerId { get; init; }

    public string? RunId { get; init; }

    public DateTimeOffset AnsweredAt { get; init; }
}
