namespace MassGen.Cli.Displays;

/// <summary>What an agent is doing right now, as the displays show it.</summary>
internal enum AgentActivity
{
    Waiting,
    Thinking,
    Answering,
    CallingTool,
    Answered,
    Voted,
    VoteDiscarded,
    Retrying,
    Failed,
    TimedOut,
    Cancelled,
    Presenting,
    Presented,
}
