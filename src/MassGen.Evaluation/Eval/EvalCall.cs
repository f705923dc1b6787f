using System.Text.Json;
using MassGen.Core.Results;

namespace MassGen.Evaluation.Eval;

/// <summary>
/// Sends one model call of an eval (<paramref name="call"/>, JSON) to where it runs and returns its outcome's JSON:
/// what <see cref="EvalCallHost.RunAsync"/> returned there. A failure to deliver it is thrown; the call's own failure
/// comes back inside the outcome.
/// </summary>
public delegate Task<string> EvalCallSender(string call, CancellationToken cancellationToken);

/// <summary>One model call of an eval as it travels: a member asked alone, or the whole team coordinating.</summary>
/// <param name="Kind"><see cref="AskKind"/> or <see cref="TeamKind"/>.</param>
/// <param name="Agent">The member asked (ask calls).</param>
/// <param name="Prompt">The prompt.</param>
/// <param name="Seed">The call's seed.</param>
/// <param name="ConfigSha256">The SHA-256 of the eval's redacted config: the node checks that its team is the same.</param>
internal sealed record EvalCall(string Kind, string? Agent, string Prompt, long Seed, string ConfigSha256)
{
    public const string AskKind = "ask";

    public const string TeamKind = "team";

    public string ToJson() => JsonSerializer.Serialize(this, EvalJson.Line);

    public static EvalCall Read(string json) =>
        JsonSerializer.Deserialize<EvalCall>(json, EvalJson.Line) ?? throw new JsonException("An eval call is null.");
}

/// <summary>How a call went: the answer and its usage (ask), the team's outcome (team), or the call's error.</summary>
internal sealed record EvalCallOutcome(string? Response, TokenUsage? Usage, TeamOutcome? Team, string? ErrorType, string? Error)
{
    public string ToJson() => JsonSerializer.Serialize(this, EvalJson.Line);

    public static EvalCallOutcome Read(string json) =>
        JsonSerializer.Deserialize<EvalCallOutcome>(json, EvalJson.Line) ?? throw new JsonException("An eval call's outcome is null.");
}

/// <summary>A team coordination as the team arm records it.</summary>
internal sealed record TeamOutcome(string? FinalAnswer, TokenUsage Usage, double Seconds, string TerminationReason, string? TerminationDetail, TeamFigures Figures)
{
    public static TeamOutcome From(CoordinationResult result) =>
        new(result.FinalAnswer, result.TotalUsage, result.Duration.TotalSeconds, result.TerminationReason.ToString(), result.TerminationDetail, TeamFigures.From(result));
}

/// <summary>A call that failed where it ran; the unit records it as it would have recorded the original exception.</summary>
public sealed class EvalCallFailedException : Exception
{
    /// <summary>Creates the failure of a call whose exception was of type <paramref name="typeName"/>.</summary>
    public EvalCallFailedException(string typeName, string message)
        : base(message)
    {
        TypeName = typeName;
    }

    /// <summary>Creates the failure with a message alone.</summary>
    public EvalCallFailedException(string message)
        : this(nameof(Exception), message)
    {
    }

    /// <summary>Creates the failure with a message and its cause.</summary>
    public EvalCallFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TypeName = innerException?.GetType().Name ?? nameof(Exception);
    }

    /// <summary>Creates the failure without a message.</summary>
    public EvalCallFailedException()
    {
        TypeName = nameof(Exception);
    }

    /// <summary>The type name of the exception the call threw where it ran.</summary>
    public string TypeName { get; }
}
