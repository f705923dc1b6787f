namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary>One verifiable instruction, built from its instruction id and arguments.</summary>
internal interface IInstructionChecker
{
    /// <summary>Whether <paramref name="response"/> follows the instruction.</summary>
    bool IsFollowed(string response);
}
