namespace MassGen.Configuration;

/// <summary>How a configuration file was found.</summary>
public enum ConfigOrigin
{
    /// <summary>Named by <c>--config PATH</c>.</summary>
    Argument,

    /// <summary>A shipped example named by <c>--config @examples/NAME</c>.</summary>
    Example,

    /// <summary>The project's <c>.massgen/config.yaml</c> in the current folder.</summary>
    Project,

    /// <summary>The user's <c>~/.config/massgen/config.yaml</c>.</summary>
    User,
}
