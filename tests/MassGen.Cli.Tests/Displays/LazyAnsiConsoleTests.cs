using MassGen.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Testing;

namespace MassGen.Cli.Tests.Displays;

public sealed class LazyAnsiConsoleTests
{
    [Fact]
    public void Write_FirstUse_CreatesTheConsoleOnceAndWritesThrough()
    {
        using var inner = new TestConsole();
        var created = 0;
        var console = new LazyAnsiConsole(() =>
        {
            created++;
            return inner;
        });
        Assert.Equal(0, created);

        console.MarkupLine("[bold]first[/]");
        console.WriteLine("second");

        Assert.Equal(1, created);
        Assert.Equal("first\nsecond\n", inner.Output.ReplaceLineEndings("\n"));
        Assert.Same(inner.Profile, console.Profile);
    }

    [Fact]
    public void IsTerminal_HostGivenAValue_ReadsItBack()
    {
        using var console = new TestConsole();
        var host = new CliHost
        {
            Console = console,
            Output = TextWriter.Null,
            Error = TextWriter.Null,
            WorkingDirectory = ".",
            HomeDirectory = ".",
            EnvironmentVariables = new Dictionary<string, string>(),
            IsTerminal = true,
        };

        Assert.True(host.IsTerminal);
        Assert.False(new CliHost { Console = console, Output = TextWriter.Null, Error = TextWriter.Null, WorkingDirectory = ".", HomeDirectory = ".", EnvironmentVariables = new Dictionary<string, string>() }.IsTerminal);
    }
}
