namespace MassGen.Cli.Runs;

/// <summary>Where a team comes from: a config file, or YAML the command wrote (quick mode, default team).</summary>
/// <param name="Description">How the source is named to the user and in the log.</param>
/// <param name="Path">The config file, when there is one.</param>
/// <param name="Text">The generated YAML, when there is no file.</param>
internal sealed record TeamSource(string Description, string? Path, string? Text);
