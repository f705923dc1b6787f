namespace MassGen.Configuration;

/// <summary>How a run is shown (<c>ui.display_type</c>).</summary>
public enum DisplayType
{
    /// <summary>Live columns per agent (<c>rich_terminal</c>; the original's <c>terminal</c> means the same).</summary>
    RichTerminal,

    /// <summary>Plain lines (<c>simple</c>).</summary>
    Simple,

    /// <summary>Only the final answer (<c>silent</c>).</summary>
    Silent,
}
