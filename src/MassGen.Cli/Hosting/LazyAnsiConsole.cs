using Spectre.Console;
using Spectre.Console.Rendering;

namespace MassGen.Cli.Hosting;

/// <summary>
/// The terminal, made on first use: creating it sets up the process's console (terminal database, window size), which
/// a run that never writes to the terminal (a silent display, a redirected output) has no use for.
/// </summary>
internal sealed class LazyAnsiConsole(Func<IAnsiConsole> create) : IAnsiConsole
{
    private readonly Lazy<IAnsiConsole> _console = new(create);

    /// <summary>The console, created now if it was not yet.</summary>
    public IAnsiConsole Inner => _console.Value;

    public Profile Profile => Inner.Profile;

    public IAnsiConsoleCursor Cursor => Inner.Cursor;

    public IAnsiConsoleInput Input => Inner.Input;

    public IExclusivityMode ExclusivityMode => Inner.ExclusivityMode;

    public RenderPipeline Pipeline => Inner.Pipeline;

    public void Clear(bool home) => Inner.Clear(home);

    public void Write(IRenderable renderable) => Inner.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => Inner.WriteAnsi(action);
}
