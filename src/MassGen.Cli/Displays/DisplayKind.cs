namespace MassGen.Cli.Displays;

/// <summary>The displays of CONFIG.md's <c>ui.display_type</c>.</summary>
internal enum DisplayKind
{
    /// <summary>Live columns per agent, a footer, a vote table and the answer as markdown.</summary>
    RichTerminal,

    /// <summary>One plain line per event that matters, then the final answer.</summary>
    Simple,

    /// <summary>Only the final answer.</summary>
    Silent,
}
