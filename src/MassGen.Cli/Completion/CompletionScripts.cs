namespace MassGen.Cli.Completion;

/// <summary>
/// The shell scripts of <c>massgen completion SHELL</c>. Each registers a completer that asks the program itself for
/// the completions of the line typed so far, through System.CommandLine's <c>[suggest:POSITION]</c> directive (the
/// protocol of dotnet-suggest, without needing that tool), so commands, options, config files, example names and
/// model names always match the installed version.
/// </summary>
internal static class CompletionScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish", "pwsh"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        "pwsh" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, $"One of {string.Join(", ", Shells)}."),
    };

    private const string Bash = """
        # massgen completion for bash. Load it with:  source <(massgen completion bash)
        # or keep it:  massgen completion bash > ~/.local/share/bash-completion/completions/massgen
        _massgen_complete() {
            local line="${COMP_LINE:0:COMP_POINT}"
            local IFS=$'\n'
            COMPREPLY=($(massgen "[suggest:${#line}]" "$line" 2>/dev/null))
            # A folder is completed without a trailing space, so the path can go on.
            if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then compopt -o nospace; fi
        }
        complete -o default -F _massgen_complete massgen

        """;

    private const string Zsh = """
        #compdef massgen
        # massgen completion for zsh. Load it with:  source <(massgen completion zsh)
        # or keep it as _massgen in a folder of your $fpath.
        _massgen() {
            local line="${BUFFER[1,CURSOR]}"
            local -a suggestions
            suggestions=("${(@f)$(massgen "[suggest:${#line}]" "$line" 2>/dev/null)}")
            if [[ -n "${suggestions[1]}" ]]; then
                compadd -Q -- "${suggestions[@]}"
            else
                _files
            fi
        }
        if [[ "$funcstack[1]" = "_massgen" ]]; then
            _massgen "$@"
        else
            compdef _massgen massgen
        fi

        """;

    private const string Fish = """
        # massgen completion for fish. Load it with:  massgen completion fish | source
        # or keep it:  massgen completion fish > ~/.config/fish/completions/massgen.fish
        function __massgen_complete
            set -l line (commandline -cp)
            massgen "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c massgen -f -a '(__massgen_complete)'

        """;

    private const string PowerShell = """
        # massgen completion for PowerShell. Load it with:  massgen completion pwsh | Out-String | Invoke-Expression
        # or add that line to your $PROFILE.
        Register-ArgumentCompleter -Native -CommandName massgen -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $typed = $cursorPosition - $commandAst.Extent.StartOffset
            if ($typed -lt $line.Length) { $line = $line.Substring(0, $typed) }
            if ($wordToComplete -eq '' -and -not $line.EndsWith(' ')) { $line += ' ' }
            massgen "[suggest:$($line.Length)]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
