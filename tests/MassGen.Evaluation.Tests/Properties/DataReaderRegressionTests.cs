using MassGen.Evaluation.Gsm8k;
using MassGen.Evaluation.IfEval;

namespace MassGen.Evaluation.Tests.Properties;

/// <summary>Inputs the data reader properties found crashing, kept as examples.</summary>
public sealed class DataReaderRegressionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void ReadPrompts_KwargsNameGivenTwice_KeepsTheLastValue()
    {
        var path = _folder.File("input.jsonl");
        File.WriteAllText(path, """{"key": 1, "prompt": "p", "instruction_id_list": ["length_constraints:number_words"], "kwargs": [{"num_words": 5, "num_words": 7}]}""");

        var prompt = Assert.Single(IfEvalData.ReadPrompts(path));

        Assert.Equal(7, prompt.Kwargs[0]["num_words"].GetInt32());
    }

    [Fact]
    public void ExtractPredicted_NumberBeyondDecimalRange_IsNoNumber() =>
        Assert.Null(Gsm8kAnswer.ExtractPredicted("#### 9999999999999999999999999999999"));

    [Fact]
    public void ReadItems_GoldBeyondDecimalRange_IsADataError()
    {
        var path = _folder.File("test.jsonl");
        File.WriteAllText(path, """{"question": "q", "answer": "#### 99999999999999999999999999999999"}""");

        var error = Assert.Throws<EvaluationDataException>(() => Gsm8kData.ReadItems(path));

        Assert.Equal($"{path}:1: the answer has no final number after \"####\" (or one too large to score).", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
