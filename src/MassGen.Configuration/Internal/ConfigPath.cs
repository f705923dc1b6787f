using System.Globalization;

namespace MassGen.Configuration.Internal;

/// <summary>Builds the dotted paths used in messages: <c>agents[2].backend.base_url</c>.</summary>
internal static class ConfigPath
{
    public static string Key(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
}
