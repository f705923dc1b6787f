using System.Text.Json.Nodes;
using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;

namespace MassGen.Cli.Commands;

/// <summary>A team loaded from a configuration an earlier run stored (a recording's header, a run log), for replay and resume.</summary>
internal static class StoredConfigTeam
{
    /// <summary>The loaded team, or null after printing its errors under <paramref name="heading"/>.</summary>
    public static async Task<LoadedTeam?> LoadAsync(CliHost host, ITeamLoader loader, string description, JsonObject config, string heading)
    {
        var team = await loader.LoadAsync(new TeamSource(description, null, config.ToJsonString()), CancellationToken.None);
        if (team.IsValid)
        {
            return team;
        }

        await host.Error.WriteLineAsync(heading);
        foreach (var error in team.Errors)
        {
            await host.Error.WriteLineAsync("  " + error);
        }

        await team.DisposeAsync();
        return null;
    }

    /// <summary>The display asked for by <c>--display</c>, else the config's, else the terminal's; never the live one in a pipe.</summary>
    public static DisplayKind Display(string? name, LoadedTeam team, CliHost host)
    {
        var kind = name switch
        {
            "rich_terminal" or "rich" => DisplayKind.RichTerminal,
            "silent" => DisplayKind.Silent,
            "simple" => DisplayKind.Simple,
            _ => team.Display ?? (host.IsTerminal ? DisplayKind.RichTerminal : DisplayKind.Simple),
        };
        return kind == DisplayKind.RichTerminal && !host.IsTerminal ? DisplayKind.Simple : kind;
    }
}
