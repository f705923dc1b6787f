namespace MassGen.Configuration;

/// <summary>
/// A configuration could not be found or used. <see cref="Exception.Message"/> says what and how to fix it; when the
/// file was read, <see cref="Report"/> lists every problem with its path and line.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception for a report with errors; the message is the report's text.</summary>
    public ConfigurationException(ValidationReport report)
        : base(report?.ToString())
    {
        Report = report;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The validation report, when the file was read.</summary>
    public ValidationReport? Report { get; }
}
