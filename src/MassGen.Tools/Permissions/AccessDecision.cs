namespace MassGen.Tools.Permissions;

/// <summary>The permission layer's answer: allowed with the resolved path to use, or refused with the reason.</summary>
internal sealed record AccessDecision(bool Allowed, string ResolvedPath, string? Reason)
{
    public static AccessDecision Allow(string resolvedPath) => new(true, resolvedPath, null);

    public static AccessDecision Refuse(string resolvedPath, string reason) => new(false, resolvedPath, reason);
}
