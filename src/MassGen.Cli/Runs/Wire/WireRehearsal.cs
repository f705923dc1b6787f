using System.Text.Json;
using MassGen.Providers;
using MassGen.Providers.Catalog;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// The provider side of the rehearsal: for each wire protocol the team speaks, a client built by the provider factory
/// from one agent's backend block, with the wrappers the run puts around agents' clients, but over
/// <see cref="CannedWireHandler"/> instead of the network, reads a function call and a streamed text answer. In a fresh
/// process the first answers otherwise pay, on the run's critical path, for compiling the SDK's streaming parser, the
/// conversion into Microsoft.Extensions.AI updates, the function call's argument parsing and our delegating clients.
/// Nothing leaves the process: the handler is the only transport, the rate limiters are the rehearsal's own, and the
/// answers go nowhere (no log, recording, budget or cost).
/// </summary>
internal static class WireRehearsal
{
    /// <summary>The agent id the rehearsal's clients carry (in errors and the prompt cache key; neither leaves the process).</summary>
    public const string AgentId = "rehearsal";

    // The shape of the decision tool a first answer calls; the answers parse the same whatever its description says.
    private static readonly AIFunctionDeclaration s_newAnswer = AIFunctionFactory.CreateDeclaration(
        "new_answer",
        "Submit your answer.",
        JsonElement.Parse("""{"type":"object","properties":{"content":{"type":"string"}},"required":["content"],"additionalProperties":false}"""));

    /// <summary>One backend per wire protocol spoken over HTTP, the first agent's of each, in the agents' order.</summary>
    public static IReadOnlyList<RehearsalBackend> PerProtocol(IEnumerable<RehearsalBackend> backends) =>
        [.. backends
            .Select(b => (Backend: b, Type: ProviderCatalog.Find(b.Settings.Type)))
            .Where(p => p.Type is not null && CannedWire.For(p.Type.Protocol) is not null)
            .DistinctBy(p => CannedWire.Wire(p.Type!.Protocol))
            .Select(p => p.Backend)];

    /// <summary>Rehearses each backend in turn; a failure (a setting the factory rejects, a parser surprise) is dropped.</summary>
    public static async Task RunQuietlyAsync(IReadOnlyList<RehearsalBackend> backends)
    {
        foreach (var backend in backends)
        {
            try
            {
                await RunAsync(backend).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A rehearsal that fails only means the real run compiles that code itself.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>The backend's two canned answers as its client gives them: the function call, then the text.</summary>
    public static async Task<IReadOnlyList<ChatResponse>> RunAsync(RehearsalBackend backend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var type = ProviderCatalog.Find(backend.Settings.Type) ?? throw new ArgumentException($"unknown backend type {backend.Settings.Type}", nameof(backend));
        var answers = CannedWire.For(type.Protocol) ?? throw new ArgumentException($"backend type {type.Type} has no HTTP wire to rehearse", nameof(backend));
        using var handler = new CannedWireHandler(answers);
        var context = new ProviderContext
        {
            Environment = backend.Environment,
            HttpHandler = handler,
            // Limiters of its own: the rehearsal's calls never count against, or wait for, the real agents' key.
            RateLimits = new SharedRateLimits(),
        };
        using var provider = ProviderFactory.Create(AgentId, backend.Settings, context);
        var client = RunExecutor.WrapForRehearsal(provider.ChatClient);
        var options = provider.ChatOptions.Clone();
        options.Tools = [.. provider.Tools, s_newAnswer];
        options.AllowMultipleToolCalls = false;
        ChatMessage[] messages = [new(ChatRole.System, "You are one agent of a team."), new(ChatRole.User, "What is six times seven?")];
        var responses = new List<ChatResponse>();
        for (var i = 0; i < answers.Count; i++)
        {
            // Read as a turn reads its model's stream.
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
            }

            responses.Add(updates.ToChatResponse());
        }

        return responses;
    }
}
