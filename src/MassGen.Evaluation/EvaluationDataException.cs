namespace MassGen.Evaluation;

/// <summary>
/// Input data or responses that cannot be scored: the message says what is wrong, where, and how to fix it.
/// </summary>
public sealed class EvaluationDataException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public EvaluationDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the underlying cause.</summary>
    public EvaluationDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public EvaluationDataException()
    {
    }
}
