using System.Threading.Channels;
using MassGen.Core.Events;

namespace MassGen.Cli.Runs;

/// <summary>A run started for someone else (the server): its id, chosen beforehand, and where its events go too.</summary>
internal sealed record RunTap(string RunId, ChannelWriter<CoordinationEvent> Events);
