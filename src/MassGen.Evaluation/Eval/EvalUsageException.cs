namespace MassGen.Evaluation.Eval;

/// <summary>The eval cannot start as asked (an unknown arm, a resume of a different eval…); the message says how to fix it.</summary>
public sealed class EvalUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvalUsageException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public EvalUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public EvalUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
