using MassGen.Evaluation.IfEval.Text.LanguageDetection;

namespace MassGen.Evaluation.Tests.IfEval.LanguageDetection;

/// <summary>The generator against values CPython 3.11 gives for <c>random.Random(0)</c>.</summary>
public sealed class PythonRandomTests
{
    [Fact]
    public void NextUInt32_SeedZero_CPythonGetrandbits32()
    {
        var random = new PythonRandom(0);
        Assert.Equal([3626764237u, 1654615998u, 3255389356u], [random.NextUInt32(), random.NextUInt32(), random.NextUInt32()]);
    }

    [Fact]
    public void Sequence_SeedZero_CPythonRandomGaussAndChoice()
    {
        // r = random.Random(0); r.random(), r.gauss(0, 1), r.gauss(0, 1), r.choice(range(1000)), r.choice(range(7))
        var random = new PythonRandom(0);
        Assert.Equal(0.8444218515250481, random.NextDouble());
        Assert.Equal(0.05219198828260849, random.Gauss(0.0, 1.0));
        Assert.Equal(-1.0434089742005737, random.Gauss(0.0, 1.0));
        Assert.Equal(265, random.ChoiceIndex(1000));
        Assert.Equal(4, random.ChoiceIndex(7));
    }

    [Fact]
    public void Seed_Again_RestartsTheSequenceAndForgetsTheSpareGaussian()
    {
        var random = new PythonRandom(0);
        random.Gauss(0.0, 1.0);
        random.Seed(0);
        Assert.Equal(0.8444218515250481, random.NextDouble());
    }

    [Fact]
    public void ChoiceIndex_OneItem_AlwaysZero()
    {
        var random = new PythonRandom(7);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(0, random.ChoiceIndex(1)));
    }
}
