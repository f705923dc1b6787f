using System.Text.RegularExpressions;

namespace MassGen.Tools.Permissions;

/// <summary>
/// Decides whether <c>execute_command</c> may run a command line: the configured allowed and blocked regexes, a few
/// commands that never belong in an agent's hands, and every path the command names checked by
/// <see cref="AccessPolicy"/> (written paths need write access, removed ones delete access, any other absolute path
/// must be readable). This is a check of the text, not a sandbox: it cannot see through variables, scripts or
/// interpreters, so it is only the fast first line that stops a model's mistakes with a reason; the isolation comes from
/// the sandbox the command runs in (<c>command_line_execution_mode</c>). Refusals say what was refused and why, and
/// never suggest another way to do the refused thing.
/// </summary>
internal sealed partial class CommandPolicy
{
    private static readonly string[] s_systemReadRoots = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc", "/opt", "/dev", "/proc", "/sys"];
    private static readonly HashSet<string> s_writeLastArgument = new(StringComparer.Ordinal) { "cp", "mv", "ln", "install", "rsync" };
    private static readonly HashSet<string> s_writeEveryArgument = new(StringComparer.Ordinal) { "touch", "mkdir", "tee", "truncate" };
    private static readonly HashSet<string> s_deleteEveryArgument = new(StringComparer.Ordinal) { "rm", "rmdir", "unlink", "shred" };

    private readonly AccessPolicy _access;
    private readonly IReadOnlyList<Regex> _allowed;
    private readonly IReadOnlyList<Regex> _blocked;

    public CommandPolicy(AccessPolicy access, IEnumerable<string> allowedPatterns, IEnumerable<string> blockedPatterns)
    {
        _access = access;
        _allowed = [.. allowedPatterns.Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
        _blocked = [.. blockedPatterns.Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
    }

    /// <summary>Returns why <paramref name="command"/> may not run in <paramref name="workDirectory"/> (resolved), or null when it may.</summary>
    public string? Check(string command, string workDirectory, bool isFinalPresentation)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return "the command is empty.";
        }

        foreach (var blocked in _blocked)
        {
            if (blocked.IsMatch(command))
            {
                return $"the command matches the blocked pattern '{blocked}' (command_line_blocked_commands).";
            }
        }

        if (_allowed.Count > 0 && !_allowed.Any(a => a.IsMatch(command)))
        {
            return $"the command matches none of the allowed patterns ({string.Join(", ", _allowed.Select(a => $"'{a}'"))}).";
        }

        // The shell drops quotes and backslashes inside a word ('s\udo', "su"do, s''udo all run sudo): look without them.
        var unquoted = command.Replace("\\", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);
        if (ForbiddenCommand().Match(unquoted) is { Success: true } forbidden)
        {
            return $"'{forbidden.Value.Trim()}' is never allowed for agents: commands may not change privileges or administer the system.";
        }

        if (command.Contains("$(", StringComparison.Ordinal) || command.Contains('`', StringComparison.Ordinal) || command.Contains("<(", StringComparison.Ordinal) || EvalCommand().IsMatch(unquoted))
        {
            return "command substitution ($(...), backticks, <(...)) and eval are not allowed: they hide which paths a command touches.";
        }

        foreach (var target in RedirectTarget().Matches(command).Select(m => Unquote(m.Groups["target"].Value)))
        {
            if (target.StartsWith('&') || target == "/dev/null")
            {
                continue;
            }

            var reason = Refusal(target, workDirectory, FileAccessKind.Write, isFinalPresentation);
            if (reason is not null)
            {
                return $"the command writes to {reason}";
            }
        }

        foreach (var segment in SegmentSeparator().Split(command))
        {
            var words = Words(segment);
            if (words.Count == 0)
            {
                continue;
            }

            var program = Path.GetFileName(words[0]);
            var arguments = words.Skip(1).Where(w => !w.StartsWith('-')).ToList();
            var reason = program switch
            {
                _ when s_deleteEveryArgument.Contains(program) => arguments.Select(a => Refusal(a, workDirectory, FileAccessKind.Delete, isFinalPresentation)).FirstOrDefault(r => r is not null),
                _ when s_writeEveryArgument.Contains(program) => arguments.Select(a => Refusal(a, workDirectory, FileAccessKind.Write, isFinalPresentation)).FirstOrDefault(r => r is not null),
                _ when s_writeLastArgument.Contains(program) && arguments.Count > 0 => Refusal(arguments[^1], workDirectory, FileAccessKind.Write, isFinalPresentation)
                    ?? (program == "mv" ? arguments.SkipLast(1).Select(a => Refusal(a, workDirectory, FileAccessKind.Delete, isFinalPresentation)).FirstOrDefault(r => r is not null) : null),
                "sed" when words.Any(w => w.StartsWith("-i", StringComparison.Ordinal)) => arguments.Skip(1).Select(a => Refusal(a, workDirectory, FileAccessKind.Write, isFinalPresentation)).FirstOrDefault(r => r is not null),
                _ => null,
            };
            if (reason is not null)
            {
                return $"the command changes {reason}";
            }

            foreach (var word in words.Where(LooksLikePath))
            {
                var readReason = IsSystemLocation(word) ? null : Refusal(word, workDirectory, FileAccessKind.Read, isFinalPresentation);
                if (readReason is not null)
                {
                    return $"the command names {readReason}";
                }
            }
        }

        return null;
    }

    private string? Refusal(string path, string workDirectory, FileAccessKind access, bool isFinalPresentation)
    {
        var resolved = Path.IsPathRooted(path) || path.StartsWith('~') ? path : Path.Join(workDirectory, path);
        var decision = _access.Decide(resolved, access, isFinalPresentation);
        return decision.Allowed ? null : decision.Reason;
    }

    private static bool LooksLikePath(string word) =>
        word.StartsWith('/') || word.StartsWith('~') || word.Split('/').Contains("..");

    private static bool IsSystemLocation(string word)
    {
        if (!word.StartsWith('/'))
        {
            return false;
        }

        var full = Path.GetFullPath(word);
        return s_systemReadRoots.Any(root => PathResolver.IsInside(full, root));
    }

    private static List<string> Words(string segment) =>
        [.. Word().Matches(segment).Select(m => Unquote(m.Value)).Where(w => !RedirectOperator().IsMatch(w))];

    private static string Unquote(string word) =>
        word.Length >= 2 && (word[0] == '"' || word[0] == '\'') && word[^1] == word[0] ? word[1..^1] : word;

    [GeneratedRegex(@"(^|[;&|(\s])(sudo|su|doas|mkfs(\.\w+)?|shutdown|reboot|halt|poweroff|chroot|mount|umount)(\s|$)")]
    private static partial Regex ForbiddenCommand();

    [GeneratedRegex(@"(^|[;&|(\s])eval(\s|$)")]
    private static partial Regex EvalCommand();

    [GeneratedRegex(@"(?<![<>&\d])\d*>>?\|?\s*(?<target>""[^""]*""|'[^']*'|[^\s;&|<>]+)")]
    private static partial Regex RedirectTarget();

    [GeneratedRegex(@"&&|\|\||[;|&\n]")]
    private static partial Regex SegmentSeparator();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|[^\s]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^\d*[<>]")]
    private static partial Regex RedirectOperator();
}
