namespace MassGen.Tools;

/// <summary>
/// Thrown by a MassGen tool when a call cannot do what was asked (a missing file, a binary file given to
/// <c>read_file</c>, an MCP server that timed out or is switched off). The message is written for the model: it says
/// what went wrong and what to do instead. Permission refusals are not exceptions: they are <c>ToolRefusal</c> results.
/// </summary>
public sealed class ToolCallFailedException : Exception
{
    /// <summary>Creates the exception with a message for the model.</summary>
    public ToolCallFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the model and the underlying cause.</summary>
    public ToolCallFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ToolCallFailedException()
        : base("The tool call failed.")
    {
    }
}
