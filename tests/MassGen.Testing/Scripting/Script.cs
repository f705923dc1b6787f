namespace MassGen.Testing.Scripting;

/// <summary>Entry point of the fluent script builder: <c>Script.Respond().Text("..").NewAnswer("..")</c>.</summary>
public static class Script
{
    /// <summary>Starts one scripted response (one model call).</summary>
    public static ScriptedResponse Respond() => new();

    /// <summary>A response that only submits an answer.</summary>
    public static ScriptedResponse Answer(string content) => new ScriptedResponse().NewAnswer(content);

    /// <summary>A response that only votes.</summary>
    public static ScriptedResponse VoteFor(string label, string reason = "best answer") => new ScriptedResponse().Vote(label, reason);

    /// <summary>A response that only streams text (a presentation, or a turn without a decision).</summary>
    public static ScriptedResponse Say(string text) => new ScriptedResponse().Text(text);
}
