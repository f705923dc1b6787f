using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MassGen.Server.Logging;

/// <summary>
/// One line per log entry on a writer (the command's standard error): time, level, what happened. The command owns
/// the writer; the server never writes to the console itself.
/// </summary>
public sealed class TextWriterLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _timeProvider;
    private readonly LogLevel _minimum;

    /// <summary>Creates the provider.</summary>
    public TextWriterLoggerProvider(TextWriter writer, TimeProvider timeProvider, LogLevel minimum = LogLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _writer = writer;
        _timeProvider = timeProvider;
        _minimum = minimum;
    }

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <inheritdoc/>
    public void Dispose()
    {
        // The writer belongs to the caller.
    }

    private sealed class Logger(TextWriterLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"{provider._timeProvider.GetUtcNow():HH:mm:ss} {Level(logLevel)} {formatter(state, exception)}");
            lock (provider._writer)
            {
                provider._writer.WriteLine(exception is null ? line : line + Environment.NewLine + exception.Message);
                provider._writer.Flush();
            }
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Warning => "warn",
            LogLevel.Error or LogLevel.Critical => "error",
            LogLevel.Debug or LogLevel.Trace => "debug",
            _ => "info",
        };
    }
}
