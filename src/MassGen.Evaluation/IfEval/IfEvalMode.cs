namespace MassGen.Evaluation.IfEval;

/// <summary>How strictly a response is judged.</summary>
public enum IfEvalMode
{
    /// <summary>The response exactly as given.</summary>
    Strict,

    /// <summary>
    /// An instruction passes when any official variant passes: the response, without its first line, without
    /// its last line, without both, and each of these with every <c>*</c> removed.
    /// </summary>
    Loose,
}
