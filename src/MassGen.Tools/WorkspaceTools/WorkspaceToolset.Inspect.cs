using System.ComponentModel;
using System.Text;
using System.Text.RegularExpressions;
using MassGen.Tools.Internal;
using MassGen.Tools.Permissions;
using Microsoft.Extensions.AI;

namespace MassGen.Tools.WorkspaceTools;

/// <summary>Copy, search and compare.</summary>
internal sealed partial class WorkspaceToolset
{
    private const int MaxSearchResults = 200;
    private const int MaxDiffLines = 400;
    private const long MaxSearchedFileBytes = 10 * 1024 * 1024;

    private Task<object> CopyPathAsync(
        [Description("File or folder to copy.")] string source,
        [Description("Where the copy goes (a file path, or a folder path for a folder).")] string destination,
        [Description("Replace an existing destination.")] bool overwrite = false,
        AIFunctionArguments? arguments = null)
    {
        var scope = Scope("copy_path", arguments);
        var from = policy.Decide(source, FileAccessKind.Read, scope.IsFinalPresentation);
        if (!from.Allowed)
        {
            return Task.FromResult<object>(scope.Refuse(from));
        }

        var to = policy.Decide(destination, FileAccessKind.Write, scope.IsFinalPresentation);
        if (!to.Allowed)
        {
            return Task.FromResult<object>(scope.Refuse(to));
        }

        if (PathResolver.IsInside(to.ResolvedPath, from.ResolvedPath))
        {
            throw new ToolCallFailedException($"'{destination}' is inside '{source}'; a folder cannot be copied into itself.");
        }

        if (!overwrite && (File.Exists(to.ResolvedPath) || Directory.Exists(to.ResolvedPath)))
        {
            throw new ToolCallFailedException($"'{destination}' already exists; pass overwrite=true to replace it.");
        }

        if (Directory.Exists(from.ResolvedPath))
        {
            var count = CopyFolder(from.ResolvedPath, to.ResolvedPath);
            scope.Allowed($"copy folder {from.ResolvedPath} to {to.ResolvedPath}");
            return Task.FromResult<object>($"copied folder {from.ResolvedPath} to {to.ResolvedPath} ({count} files; links are not copied)");
        }

        var file = RequireFile(source, from.ResolvedPath);
        Directory.CreateDirectory(Path.GetDirectoryName(to.ResolvedPath)!);
        File.Copy(file, to.ResolvedPath, overwrite);
        policy.RecordRead(file);
        policy.RecordCreated(to.ResolvedPath);
        scope.Allowed($"copy {file} to {to.ResolvedPath}");
        return Task.FromResult<object>($"copied {file} to {to.ResolvedPath}");
    }

    private int CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        var count = 0;
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos("*", s_noLinks))
        {
            var target = Path.Join(destination, entry.Name);
            if (entry is DirectoryInfo)
            {
                count += CopyFolder(entry.FullName, target);
            }
            else
            {
                DirectoryMirror.RemoveIfLink(target);
                File.Copy(entry.FullName, target, overwrite: true);
                policy.RecordRead(entry.FullName);
                policy.RecordCreated(target);
                count++;
            }
        }

        return count;
    }

    private async Task<object> SearchFilesAsync(
        [Description("Folder to search under; relative paths start in your workspace.")] string path = ".",
        [Description("File name pattern with * and ? wildcards, e.g. *.py; empty for any name.")] string namePattern = "",
        [Description("Text the file must contain (case-insensitive; text files up to 10 MB); empty to match by name only.")] string contains = "",
        AIFunctionArguments? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var scope = Scope("search_files", arguments);
        var decision = policy.Decide(path, FileAccessKind.Read, scope.IsFinalPresentation);
        if (!decision.Allowed)
        {
            return scope.Refuse(decision);
        }

        if (!Directory.Exists(decision.ResolvedPath))
        {
            throw new ToolCallFailedException($"'{path}' is not a folder.");
        }

        var nameRegex = string.IsNullOrEmpty(namePattern)
            ? null
            : new Regex("^" + Regex.Escape(namePattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var results = new StringBuilder();
        var matches = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(decision.ResolvedPath, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (matches >= MaxSearchResults)
            {
                results.Append($"[... stopped after {MaxSearchResults} matches; narrow the search ...]\n");
                break;
            }

            if (nameRegex is not null && !nameRegex.IsMatch(Path.GetFileName(file)))
            {
                continue;
            }

            var relative = Path.GetRelativePath(decision.ResolvedPath, file);
            if (string.IsNullOrEmpty(contains))
            {
                results.Append(relative).Append('\n');
                matches++;
                continue;
            }

            if (new FileInfo(file).Length > MaxSearchedFileBytes || FileKinds.IsBinary(file))
            {
                continue;
            }

            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                lineNumber++;
                if (line.Contains(contains, StringComparison.OrdinalIgnoreCase))
                {
                    results.Append(relative).Append(':').Append(lineNumber).Append(": ").Append(line.Length > 200 ? line[..200] + "…" : line).Append('\n');
                    matches++;
                }
            }
        }

        return matches == 0 ? $"no matches under {decision.ResolvedPath}" : $"{matches} match(es) under {decision.ResolvedPath}:\n" + Truncate(results, maxCharacters);
    }

    private async Task<object> ComparePathsAsync(
        [Description("First file or folder.")] string first,
        [Description("Second file or folder.")] string second,
        AIFunctionArguments? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var scope = Scope("compare_paths", arguments);
        var left = policy.Decide(first, FileAccessKind.Read, scope.IsFinalPresentation);
        if (!left.Allowed)
        {
            return scope.Refuse(left);
        }

        var right = policy.Decide(second, FileAccessKind.Read, scope.IsFinalPresentation);
        if (!right.Allowed)
        {
            return scope.Refuse(right);
        }

        if (Directory.Exists(left.ResolvedPath) && Directory.Exists(right.ResolvedPath))
        {
            return Truncate(CompareFolders(left.ResolvedPath, right.ResolvedPath), maxCharacters);
        }

        var a = RequireFile(first, left.ResolvedPath);
        var b = RequireFile(second, right.ResolvedPath);
        if (FileKinds.IsBinary(a) || FileKinds.IsBinary(b))
        {
            var bytesA = await File.ReadAllBytesAsync(a, cancellationToken);
            var bytesB = await File.ReadAllBytesAsync(b, cancellationToken);
            var same = bytesA.AsSpan().SequenceEqual(bytesB);
            return same ? "the files are identical (binary)" : "the files differ (binary; no line comparison)";
        }

        var linesA = await File.ReadAllLinesAsync(a, cancellationToken);
        var linesB = await File.ReadAllLinesAsync(b, cancellationToken);
        policy.RecordRead(a);
        policy.RecordRead(b);
        return Truncate(LineDiff.Describe(linesA, linesB, MaxDiffLines), maxCharacters);
    }

    private StringBuilder CompareFolders(string left, string right)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var filesA = Directory.EnumerateFiles(left, "*", options).Select(f => Path.GetRelativePath(left, f)).ToHashSet(StringComparer.Ordinal);
        var filesB = Directory.EnumerateFiles(right, "*", options).Select(f => Path.GetRelativePath(right, f)).ToHashSet(StringComparer.Ordinal);
        var report = new StringBuilder();
        var onlyA = filesA.Except(filesB).Order(StringComparer.Ordinal).ToList();
        var onlyB = filesB.Except(filesA).Order(StringComparer.Ordinal).ToList();
        var differing = new List<string>();
        foreach (var file in filesA.Intersect(filesB).Order(StringComparer.Ordinal))
        {
            var pathA = Path.Join(left, file);
            var pathB = Path.Join(right, file);
            policy.RecordRead(pathA);
            policy.RecordRead(pathB);
            if (new FileInfo(pathA).Length != new FileInfo(pathB).Length || !File.ReadAllBytes(pathA).AsSpan().SequenceEqual(File.ReadAllBytes(pathB)))
            {
                differing.Add(file);
            }
        }

        if (onlyA.Count == 0 && onlyB.Count == 0 && differing.Count == 0)
        {
            return report.Append($"the folders are identical ({filesA.Count} files)");
        }

        report.Append($"only in {left}: {(onlyA.Count == 0 ? "none" : string.Join(", ", onlyA))}\n");
        report.Append($"only in {right}: {(onlyB.Count == 0 ? "none" : string.Join(", ", onlyB))}\n");
        report.Append($"in both but different: {(differing.Count == 0 ? "none" : string.Join(", ", differing))}\n");
        report.Append($"identical in both: {filesA.Intersect(filesB).Count() - differing.Count}");
        return report;
    }
}
