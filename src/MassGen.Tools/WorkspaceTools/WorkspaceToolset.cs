using System.ComponentModel;
using System.Text;
using MassGen.Tools.Permissions;
using Microsoft.Extensions.AI;

namespace MassGen.Tools.WorkspaceTools;

/// <summary>
/// The file tools of an agent with a workspace. Every path goes through <see cref="AccessPolicy"/> first; the tool
/// then works on the resolved path only. Refusals come back as <c>ToolRefusal</c> results, other failures as
/// <see cref="ToolCallFailedException"/> with a message for the model.
/// </summary>
internal sealed partial class WorkspaceToolset(AccessPolicy policy, IAgentEnvironmentState state, int maxCharacters)
{
    private const int MaxListedEntries = 500;

    private static readonly EnumerationOptions s_noLinks = new() { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };

    public IReadOnlyList<AIFunction> Create() =>
    [
        Function(ListDirectoryAsync, "list_directory", "Lists a folder (your workspace by default): files with sizes, subfolders with a trailing '/'. Depth 1-3."),
        Function(ReadFileAsync, "read_file", "Reads a text file, optionally from a 1-based line and a number of lines. Binary files are refused."),
        Function(WriteFileAsync, "write_file", "Writes a text file (creating folders as needed), replacing its content; append=true adds to the end instead."),
        Function(EditFileAsync, "edit_file", "Replaces one snippet of a text file with new text. The snippet must occur exactly once; include surrounding lines to make it unique."),
        Function(DeletePathAsync, "delete_path", "Deletes a file or folder. Allowed only for paths you created or read (read a file first if you mean to delete it)."),
        Function(CopyPathAsync, "copy_path", "Copies a file or folder, e.g. from the shared reference folder into your workspace."),
        Function(SearchFilesAsync, "search_files", "Finds files under a folder by name pattern (* and ? wildcards) and/or by text they contain (case-insensitive); shows matching lines."),
        Function(ComparePathsAsync, "compare_paths", "Compares two files (line differences) or two folders (files only in one, files that differ)."),
    ];

    private static AIFunction Function(Delegate method, string name, string description) =>
        AIFunctionFactory.Create(method, new AIFunctionFactoryOptions
        {
            Name = name,
            Description = description,
            ExcludeResultSchema = true,

            // Results go to the orchestrator as they are, so a ToolRefusal stays recognisable.
            MarshalResult = static (result, _, _) => new ValueTask<object?>(result),
        });

    private Task<object> ListDirectoryAsync(
        [Description("Folder to list; relative paths start in your workspace.")] string path = ".",
        [Description("How many levels to show, 1 to 3.")] int depth = 1,
        AIFunctionArguments? arguments = null)
    {
        var scope = Scope("list_directory", arguments);
        var decision = policy.Decide(path, FileAccessKind.Read, scope.IsFinalPresentation);
        if (!decision.Allowed)
        {
            return Task.FromResult<object>(scope.Refuse(decision));
        }

        if (!Directory.Exists(decision.ResolvedPath))
        {
            throw new ToolCallFailedException($"'{path}' is not a folder. {(File.Exists(decision.ResolvedPath) ? "Use read_file for files." : "It does not exist.")}");
        }

        var lines = new List<string>();
        var truncated = ListInto(lines, decision.ResolvedPath, "", Math.Clamp(depth, 1, 3), policy.SharedViews);
        var header = $"{decision.ResolvedPath}/ ({lines.Count} entries{(truncated ? $", cut at {MaxListedEntries}" : "")})";
        return Task.FromResult<object>(lines.Count == 0 ? header + "\n(empty)" : header + "\n" + string.Join('\n', lines));
    }

    private static bool ListInto(List<string> lines, string folder, string prefix, int depth, IReadOnlyList<string> sharedViews)
    {
        var directory = new DirectoryInfo(folder);
        foreach (var entry in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true }).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (lines.Count >= MaxListedEntries)
            {
                return true;
            }

            // A label in the shared folder links to a peer's snapshot, which the agent may read: shown as the folder it is.
            var isSharedView = entry is DirectoryInfo && entry.LinkTarget is { } viewTarget && sharedViews.Contains(viewTarget, StringComparer.Ordinal);
            if (entry.LinkTarget is { } target && !isSharedView)
            {
                lines.Add($"{prefix}{entry.Name} -> {target} (link)");
            }
            else if (entry is DirectoryInfo)
            {
                lines.Add($"{prefix}{entry.Name}/");
                if (depth > 1 && ListInto(lines, entry.FullName, prefix + entry.Name + "/", depth - 1, sharedViews))
                {
                    return true;
                }
            }
            else
            {
                lines.Add($"{prefix}{entry.Name} ({((FileInfo)entry).Length:N0} bytes)");
            }
        }

        return false;
    }

    private async Task<object> ReadFileAsync(
        [Description("File to read; relative paths start in your workspace.")] string path,
        [Description("First line to return, 1-based.")] int startLine = 1,
        [Description("How many lines to return; 0 for all (the output is capped).")] int lineCount = 0,
        AIFunctionArguments? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var scope = Scope("read_file", arguments);
        var decision = policy.Decide(path, FileAccessKind.Read, scope.IsFinalPresentation);
        if (!decision.Allowed)
        {
            return scope.Refuse(decision);
        }

        var file = RequireFile(path, decision.ResolvedPath);
        if (FileKinds.IsBinary(file))
        {
            throw new ToolCallFailedException($"'{path}' is a binary file ({new FileInfo(file).Length:N0} bytes); read_file returns text only. Inspect it with a program through execute_command (e.g. 'file', 'xxd | head') or use a tool made for that kind of file.");
        }

        policy.RecordRead(file);
        return await ReadLinesAsync(file, Math.Max(1, startLine), lineCount, cancellationToken);
    }

    /// <summary>Streams the requested lines, stopping at the character budget, so a huge file never sits in memory.</summary>
    private async Task<string> ReadLinesAsync(string file, int startLine, int lineCount, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file);
        var text = new StringBuilder();
        var lineNumber = 0;
        var taken = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (lineNumber < startLine)
            {
                continue;
            }

            if (lineCount > 0 && taken == lineCount)
            {
                break;
            }

            if (text.Length + line.Length + 1 > maxCharacters)
            {
                var room = Math.Max(0, maxCharacters - text.Length);
                text.Append(line.AsSpan(0, Math.Min(room, line.Length)));
                text.Append($"\n[... truncated at line {lineNumber} after {maxCharacters:N0} characters; the file is {new FileInfo(file).Length:N0} bytes. Read further with startLine={lineNumber} and lineCount, or search it with search_files ...]");
                return text.ToString();
            }

            if (taken > 0)
            {
                text.Append('\n');
            }

            text.Append(line);
            taken++;
        }

        // Keep a final newline the file had when the whole rest of the file was returned.
        if (lineCount == 0 && taken > 0 && EndsWithNewline(file))
        {
            text.Append('\n');
        }

        return text.ToString();
    }

    private static bool EndsWithNewline(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            return false;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    private async Task<object> WriteFileAsync(
        [Description("File to write; relative paths start in your workspace.")] string path,
        [Description("The full text to write.")] string content,
        [Description("Add to the end of the file instead of replacing it.")] bool append = false,
        AIFunctionArguments? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var scope = Scope("write_file", arguments);
        var decision = policy.Decide(path, FileAccessKind.Write, scope.IsFinalPresentation);
        if (!decision.Allowed)
        {
            return scope.Refuse(decision);
        }

        var file = decision.ResolvedPath;
        if (Directory.Exists(file))
        {
            throw new ToolCallFailedException($"'{path}' is a folder; give a file path inside it.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var existed = File.Exists(file);
        if (append)
        {
            await File.AppendAllTextAsync(file, content, cancellationToken);
        }
        else
        {
            await File.WriteAllTextAsync(file, content, cancellationToken);
        }

        policy.RecordCreated(file);
        scope.Allowed($"{(append ? "append to" : "write")} {file}");
        return $"{(append ? "appended" : existed ? "replaced" : "created")} {file} ({content.Length:N0} characters written)";
    }

    private async Task<object> EditFileAsync(
        [Description("File to edit.")] string path,
        [Description("The exact text to replace; it must occur exactly once in the file.")] string oldText,
        [Description("The replacement text.")] string newText,
        AIFunctionArguments? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var scope = Scope("edit_file", arguments);
        var decision = policy.Decide(path, FileAccessKind.Write, scope.IsFinalPresentation);
        if (!decision.Allowed)
        {
            return scope.Refuse(decision);
        }

        var file = RequireFile(path, decision.ResolvedPath);
        if (string.IsNullOrEmpty(oldText))
        {
            throw new ToolCallFailedException("oldText is empty; give the exact snippet to replace.");
        }

        var text = await File.ReadAllTextAsync(file, cancellationToken);
        policy.RecordRead(file);
        var occurrences = CountOccurrences(text, oldText);
        if (occurrences != 1)
        {
            throw new ToolCallFailedException(occurrences == 0
                ? $"the snippet was not found in '{path}'; read the file and copy the text exactly (whitespace included)."
                : $"the snippet occurs {occurrences} times in '{path}'; include more surrounding text so it occurs once.");
        }

        var index = text.IndexOf(oldText, StringComparison.Ordinal);
        var edited = string.Concat(text.AsSpan(0, index), newText, text.AsSpan(index + oldText.Length));
        await File.WriteAllTextAsync(file, edited, cancellationToken);
        scope.Allowed($"edit {file}");
        var line = text.AsSpan(0, index).Count('\n') + 1;
        return $"edited {file} at line {line}: replaced {oldText.Length:N0} characters with {newText.Length:N0}";
    }

    private static int CountOccurrences(string text, string snippet)
    {
        var count = 0;
        for (var index = text.IndexOf(snippet, StringComparison.Ordinal); index >= 0; index = text.IndexOf(snippet, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private Task<object> DeletePathAsync(
        [Description("File or folder to delete.")] string path,
        AIFunctionArguments? arguments = null)
    {
        var scope = Scope("delete_path", arguments);
        var decision = policy.Decide(path, FileAccessKind.Delete, scope.IsFinalPresentation);
        if (!decision.Allowed)
        {
            return Task.FromResult<object>(scope.Refuse(decision));
        }

        var target = decision.ResolvedPath;
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
            scope.Allowed($"delete folder {target}");
            return Task.FromResult<object>($"deleted folder {target}");
        }

        RequireFile(path, target);
        File.Delete(target);
        scope.Allowed($"delete {target}");
        return Task.FromResult<object>($"deleted {target}");
    }

    private ToolCallScope Scope(string toolName, AIFunctionArguments? arguments) =>
        ToolCallScope.From(toolName, arguments ?? [], state);

    private static string RequireFile(string asWritten, string resolved)
    {
        if (File.Exists(resolved))
        {
            return resolved;
        }

        throw new ToolCallFailedException(Directory.Exists(resolved)
            ? $"'{asWritten}' is a folder, not a file; use list_directory."
            : $"'{asWritten}' does not exist; use list_directory or search_files to find the right path.");
    }

    private static string Truncate(StringBuilder builder, int limit) =>
        builder.Length <= limit ? builder.ToString() : builder.ToString(0, limit) + "\n[... truncated ...]";
}
