using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace MassGen.Cli.Tests.Support;

/// <summary>
/// An interactive terminal for prompt tests: what it shows is recorded by a <see cref="TestConsole"/>, the keys come
/// from a script, and once the script is used up it waits (signalling <see cref="WaitingForInput"/>) until the
/// cancellation token fires, as a real terminal waits for a person who then presses Ctrl+C.
/// </summary>
internal sealed class ScriptedTerminal : IAnsiConsole, IDisposable
{
    private readonly TestConsole _screen = new();
    private readonly ScriptedKeys _keys = new();

    public ScriptedTerminal()
    {
        _screen.Profile.Capabilities.Interactive = true;
        _screen.Profile.Capabilities.Ansi = true;
        _screen.Profile.Width = 160;
    }

    /// <summary>Completes when a prompt asks for a key after the script ran out.</summary>
    public Task WaitingForInput => _keys.WaitingForInput.Task;

    public string Output => _screen.Output;

    public Profile Profile => _screen.Profile;

    public IAnsiConsoleCursor Cursor => _screen.Cursor;

    public IAnsiConsoleInput Input => _keys;

    public IExclusivityMode ExclusivityMode => _screen.ExclusivityMode;

    public RenderPipeline Pipeline => _screen.Pipeline;

    /// <summary>Types a line and presses Enter.</summary>
    public ScriptedTerminal Type(string text)
    {
        foreach (var character in text)
        {
            _keys.Queue.Enqueue(new ConsoleKeyInfo(character, ConsoleKey.NoName, false, false, false));
        }

        return Press(ConsoleKey.Enter);
    }

    /// <summary>Presses keys (arrows, space, Enter).</summary>
    public ScriptedTerminal Press(params ConsoleKey[] keys)
    {
        foreach (var key in keys)
        {
            var character = key switch
            {
                ConsoleKey.Enter => '\r',
                ConsoleKey.Spacebar => ' ',
                _ => '\0',
            };
            _keys.Queue.Enqueue(new ConsoleKeyInfo(character, key, false, false, false));
        }

        return this;
    }

    public void Clear(bool home) => _screen.Clear(home);

    public void Write(IRenderable renderable) => _screen.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => _screen.WriteAnsi(action);

    public void Dispose() => _screen.Dispose();

    private sealed class ScriptedKeys : IAnsiConsoleInput
    {
        public Queue<ConsoleKeyInfo> Queue { get; } = new();

        public TaskCompletionSource WaitingForInput { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsKeyAvailable() => Queue.Count > 0;

        public ConsoleKeyInfo? ReadKey(bool intercept) =>
            Queue.Count > 0 ? Queue.Dequeue() : throw new InvalidOperationException("The scripted keys ran out (use ReadKeyAsync to wait).");

        public async Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken)
        {
            if (Queue.Count > 0)
            {
                return Queue.Dequeue();
            }

            WaitingForInput.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }
    }
}
