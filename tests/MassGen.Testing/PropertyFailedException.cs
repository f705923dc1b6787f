namespace MassGen.Testing;

/// <summary>A property did not hold for a generated input; the message names the input and how to replay it.</summary>
public sealed class PropertyFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PropertyFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PropertyFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public PropertyFailedException()
    {
    }
}
