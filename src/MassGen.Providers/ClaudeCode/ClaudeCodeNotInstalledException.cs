using MassGen.Core.Agents;

namespace MassGen.Providers.ClaudeCode;

/// <summary>The Claude Code CLI could not be started: it will not appear by retrying, so the failure is permanent.</summary>
internal sealed class ClaudeCodeNotInstalledException(string message, Exception innerException)
    : InvalidOperationException(message, innerException), IPermanentFailure
{
    public bool IsPermanent => true;
}
