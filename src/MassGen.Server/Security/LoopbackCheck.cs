using System.Net;

namespace MassGen.Server.Security;

/// <summary>Whether a listen address keeps the server to this machine.</summary>
internal static class LoopbackCheck
{
    public static bool TryParseHost(string host, out bool isLoopback)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            isLoopback = true;
            return true;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            isLoopback = IPAddress.IsLoopback(address);
            return true;
        }

        isLoopback = false;
        return false;
    }
}
