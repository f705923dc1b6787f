using System.Collections.Concurrent;

namespace MassGen.Tools.Permissions;

/// <summary>
/// The one permission layer of an agent (TOOLS.md): decides every file tool call and, through
/// <see cref="CommandPolicy"/>, every command. Paths are resolved (<c>..</c>, symbolic links) before deciding.
/// Zones: the agent's own workspace (read/write), its shared folder of peers' snapshots (read), context paths (read;
/// <c>write</c> ones writable for the final presenter only; protected paths never), and nothing else.
/// </summary>
internal sealed class AccessPolicy
{
    /// <summary>Folder names that stay read-only outside a workspace: version control, secrets, run data, dependencies, caches.</summary>
    internal static readonly HashSet<string> SystemFolderNames = new(StringComparer.Ordinal)
    {
        ".git", ".env", ".massgen", "node_modules", "__pycache__", ".venv", "venv", ".pytest_cache", ".mypy_cache",
        ".ruff_cache", ".cache", ".tox", ".DS_Store",
    };

    private readonly ConcurrentDictionary<string, byte> _readOrCreated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _preexistingWorkspaceFiles;
    private readonly Func<IReadOnlyList<string>> _sharedViews;

    /// <param name="workspace">The agent's own workspace, or null.</param>
    /// <param name="sharedFolder">The agent's shared folder (links to peers' snapshots), or null.</param>
    /// <param name="contextPaths">The context paths, resolved.</param>
    /// <param name="preexistingWorkspaceFiles">Workspace files the agent did not create (deleting them needs a read first).</param>
    /// <param name="sharedViews">The peers' snapshot folders the shared folder currently links to: readable, never writable.</param>
    public AccessPolicy(string? workspace, string? sharedFolder, IReadOnlyList<ResolvedContextPath> contextPaths, IEnumerable<string>? preexistingWorkspaceFiles = null, Func<IReadOnlyList<string>>? sharedViews = null)
    {
        _sharedViews = sharedViews ?? (() => []);
        Workspace = workspace is null ? null : PathResolver.Resolve(workspace, "/");
        SharedFolder = sharedFolder is null ? null : PathResolver.Resolve(sharedFolder, "/");
        ContextPaths = contextPaths;
        _preexistingWorkspaceFiles = new HashSet<string>(preexistingWorkspaceFiles ?? [], StringComparer.Ordinal);
    }

    /// <summary>The agent's own workspace (resolved), or null when it has none.</summary>
    public string? Workspace { get; }

    /// <summary>The agent's read-only shared folder (resolved), or null.</summary>
    public string? SharedFolder { get; }

    /// <summary>The peers' snapshot folders this agent may read right now (what its shared folder links to).</summary>
    public IReadOnlyList<string> SharedViews => _sharedViews();

    /// <summary>The context paths, resolved.</summary>
    public IReadOnlyList<ResolvedContextPath> ContextPaths { get; }

    /// <summary>Where relative paths start: the workspace, or the current directory for agents without one.</summary>
    public string BaseDirectory => Workspace ?? Directory.GetCurrentDirectory();

    /// <summary>Records that the agent read (or compared, or copied from) a path, which later allows deleting it.</summary>
    public void RecordRead(string resolvedPath) => _readOrCreated.TryAdd(resolvedPath, 0);

    /// <summary>Records that the agent created or wrote a path.</summary>
    public void RecordCreated(string resolvedPath) => _readOrCreated.TryAdd(resolvedPath, 0);

    /// <summary>Decides one access to <paramref name="path"/> as the model wrote it.</summary>
    public AccessDecision Decide(string path, FileAccessKind access, bool isFinalPresentation)
    {
        string resolved;
        try
        {
            resolved = PathResolver.Resolve(path, BaseDirectory);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or NotSupportedException)
        {
            return AccessDecision.Refuse(path, $"the path '{path}' cannot be resolved ({ex.Message}).");
        }

        return DecideResolved(path, resolved, access, isFinalPresentation);
    }

    private AccessDecision DecideResolved(string asWritten, string resolved, FileAccessKind access, bool isFinalPresentation)
    {
        var shown = string.Equals(asWritten, resolved, StringComparison.Ordinal) ? $"'{resolved}'" : $"'{asWritten}' (resolves to '{resolved}')";
        if (Workspace is not null && PathResolver.IsInside(resolved, Workspace))
        {
            if (access == FileAccessKind.Delete && string.Equals(resolved, Workspace, StringComparison.Ordinal))
            {
                return AccessDecision.Refuse(resolved, $"{shown} is your workspace itself; delete the files inside it instead.");
            }

            if (access == FileAccessKind.Delete && !MayDelete(resolved, insideWorkspace: true))
            {
                return AccessDecision.Refuse(resolved, $"{shown} was neither read nor created by you; read it first if you really mean to delete it.");
            }

            return AccessDecision.Allow(resolved);
        }

        if ((SharedFolder is not null && PathResolver.IsInside(resolved, SharedFolder)) || SharedViews.Any(view => PathResolver.IsInside(resolved, view)))
        {
            return access == FileAccessKind.Read
                ? AccessDecision.Allow(resolved)
                : AccessDecision.Refuse(resolved, $"{shown} is in the shared reference folder, a read-only view of your peers' work; copy it into your workspace and change the copy.");
        }

        var context = ContextPaths.Where(c => c.Contains(resolved)).OrderByDescending(c => c.Path.Length).FirstOrDefault();
        if (context is null)
        {
            var inDirectoryOfFileContext = ContextPaths.Any(c => c.IsFile && PathResolver.IsInside(resolved, Path.GetDirectoryName(c.Path)!));
            return AccessDecision.Refuse(resolved, inDirectoryOfFileContext
                ? $"{shown} is next to a context file but not the file itself; only that one file was shared with you."
                : $"{shown} is outside your workspace, your shared reference folder and your context paths.");
        }

        if (access == FileAccessKind.Read)
        {
            return AccessDecision.Allow(resolved);
        }

        var verb = access == FileAccessKind.Delete ? "deleting" : "writing";
        if (context.IsProtected(resolved))
        {
            return AccessDecision.Refuse(resolved, $"{verb} {shown} is not allowed: it is a protected path, never writable.");
        }

        var systemFolder = SystemFolderIn(resolved);
        if (systemFolder is not null)
        {
            return AccessDecision.Refuse(resolved, $"{verb} {shown} is not allowed: '{systemFolder}' folders are read-only outside your workspace.");
        }

        if (context.Permission != Settings.ContextPathAccess.Write)
        {
            return AccessDecision.Refuse(resolved, $"{verb} {shown} is not allowed: this context path is read-only.");
        }

        if (!isFinalPresentation)
        {
            return AccessDecision.Refuse(resolved, $"{verb} {shown} is not allowed now: context paths are read-only during coordination; only the final presenter may change this one. Build your work in your workspace.");
        }

        if (access == FileAccessKind.Delete && !MayDelete(resolved, insideWorkspace: false))
        {
            return AccessDecision.Refuse(resolved, $"deleting {shown} is not allowed: you have neither read nor created it; read it first if you really mean to delete it.");
        }

        return AccessDecision.Allow(resolved);
    }

    private bool MayDelete(string resolved, bool insideWorkspace)
    {
        bool Known(string file) => _readOrCreated.ContainsKey(file) || (insideWorkspace && !_preexistingWorkspaceFiles.Contains(file));

        if (Directory.Exists(resolved))
        {
            return Directory.EnumerateFiles(resolved, "*", SearchOption.AllDirectories).All(Known);
        }

        return Known(resolved);
    }

    /// <summary>The first system folder name on the path, if any (workspaces are decided before this is asked).</summary>
    internal static string? SystemFolderIn(string resolved) =>
        resolved.Split(Path.DirectorySeparatorChar).FirstOrDefault(SystemFolderNames.Contains);
}
