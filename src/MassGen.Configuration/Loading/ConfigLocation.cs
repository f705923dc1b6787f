namespace MassGen.Configuration;

/// <summary>A configuration file that was found, and how.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Origin">How it was found.</param>
public sealed record ConfigLocation(string Path, ConfigOrigin Origin);
