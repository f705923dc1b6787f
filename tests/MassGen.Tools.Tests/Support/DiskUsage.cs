using System.Diagnostics;
using System.Globalization;

namespace MassGen.Tools.Tests.Support;

/// <summary>
/// What a folder really takes on disk, measured by <c>du</c>: allocated blocks (sparse files count only what they
/// hold), each inode once (hard links are not counted twice), symbolic links never followed.
/// </summary>
internal static class DiskUsage
{
    public static async Task<long> AllocatedBytesAsync(string folder)
    {
        var info = new ProcessStartInfo("du") { ArgumentList = { "-s", "-B1", folder }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"du failed on {folder}: {await process.StandardError.ReadToEndAsync()}");
        }

        return long.Parse(output.Split('\t')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Regular files named <paramref name="name"/> under <paramref name="folder"/>, links not followed.</summary>
    public static List<string> RegularFiles(string folder, string name) =>
        [.. Directory.EnumerateFiles(folder, name, new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })];
}
