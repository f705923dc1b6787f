namespace MassGen.Configuration.Internal;

/// <summary>The text is not well-formed YAML or JSON; carries the line so the report can point at it.</summary>
internal sealed class ConfigSyntaxException : Exception
{
    public ConfigSyntaxException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public ConfigSyntaxException()
    {
    }

    public ConfigSyntaxException(string message)
        : base(message)
    {
    }

    public ConfigSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }
}
