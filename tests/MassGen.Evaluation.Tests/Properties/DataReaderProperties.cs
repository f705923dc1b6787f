using CsCheck;
using MassGen.Evaluation.Gsm8k;
using MassGen.Evaluation.IfEval;
using MassGen.Testing;

namespace MassGen.Evaluation.Tests.Properties;

/// <summary>
/// The IFEval and GSM8K readers, given any small JSON Lines file, return its records or throw
/// <see cref="EvaluationDataException"/> naming the file and line; never any other exception.
/// </summary>
public sealed class DataReaderProperties : IDisposable
{
    private static readonly string[] s_keys =
    [
        "key", "prompt", "instruction_id_list", "kwargs", "response", "question", "answer", "num_words", "relation", "",
    ];

    private static readonly string[] s_scalars =
    [
        "1", "-1", "0", "1.5", "1e999", "2147483648", "null", "true", "\"\"", "\"text\"", "\"#### 72\"", "\"#### -1,234.5\"",
        "\"#### 99999999999999999999999999999999\"", "\"#### $ 1,000,000,000,000,000,000,000,000,000\"", "\"####\"",
        "\"punctuation:no_comma\"", "\"length_constraints:number_words\"", "\"\\ud800\"", "\"\\u0000\"", "[]", "{}",
    ];

    private readonly TempFolder _folder = new();

    [Fact]
    public void Readers_GeneratedJsonLines_ReturnRecordsOrDataException() =>
        PropertyCheck.ForAll(JsonLinesText, iterations: 400, seed: 18_301, text =>
        {
            var path = _folder.File("data.jsonl");
            File.WriteAllText(path, text);

            ReadOrDataError(() => IfEvalData.ReadPrompts(path), path);
            ReadOrDataError(() => IfEvalData.ReadResponses(path), path);
            ReadOrDataError(() => Gsm8kData.ReadItems(path), path);
            ReadOrDataError(() => Gsm8kData.ReadResponses(path), path);
        });

    [Fact]
    public void Gsm8kAnswer_ArbitraryText_GivesANumberOrNull() =>
        PropertyCheck.ForAll(Gen.OneOf("#### ", "\\boxed{", "answer is ", "9", "99999", "9999999999", ",999", ".5", "-", "$", " ", "x", "}").List[0, 20].Select(string.Concat),
            iterations: 1_000, seed: 18_302, text =>
            {
                _ = Gsm8kAnswer.ParseGold(text);
                _ = Gsm8kAnswer.ExtractPredicted(text);
            });

    public void Dispose() => _folder.Dispose();

    private static Gen<string> JsonLinesText { get; } = Line.List[0, 4].Select(lines => string.Join('\n', lines));

    private static Gen<string> Line => PropertyCheck.Weighted(
        (4, Value(2)),
        (3, IfEvalShaped),
        (2, Gsm8kShaped),
        (1, Gen.OneOf("", "   ", "{", "not json", "[1,", "\"\\ud800\"", "\u0000")));

    // Mostly well-formed records, so generated inputs reach the code after the shape checks.
    private static Gen<string> IfEvalShaped =>
        Gen.Int[0, 3].SelectMany(count => Gen.Select(
            Gen.OneOf("1", "2147483647", "-5", "1.0"),
            Gen.OneOf(s_scalars),
            Gen.OneOf("\"punctuation:no_comma\"", "\"length_constraints:number_words\"", "\"\"", "1").Array[count],
            Gen.Select(Gen.OneOf(s_keys), Gen.OneOf(s_scalars), (k, v) => $"\"{k}\": {v}").List[0, 3]
                .Select(members => "{" + string.Join(", ", members) + "}").Array[count],
            (key, prompt, ids, kwargs) =>
                $"{{\"key\": {key}, \"prompt\": {prompt}, \"response\": {prompt}, \"instruction_id_list\": [{string.Join(", ", ids)}], \"kwargs\": [{string.Join(", ", kwargs)}]}}"));

    private static Gen<string> Gsm8kShaped => Gen.Select(
        Gen.OneOf(s_scalars),
        Gen.OneOf("#### ", "answer: ", "", "####", "#### $").SelectMany(prefix => Gen.OneOf("7", "1,234", "-3.5", "9999999999", "99999999999999999999999999999999", "1,000,000,000,000,000,000,000,000,000", ".5").List[1, 4]
            .Select(parts => "\"" + prefix + string.Concat(parts) + "\"")),
        (question, answer) => $"{{\"question\": {question}, \"answer\": {answer}, \"response\": {answer}}}");

    private static Gen<string> Value(int depth)
    {
        var scalar = Gen.OneOf(s_scalars);
        if (depth == 0)
        {
            return scalar;
        }

        var child = Value(depth - 1);
        var obj = Gen.Select(Gen.OneOf(s_keys), child, (k, v) => $"\"{k}\": {v}").List[0, 5]
            .Select(members => "{" + string.Join(", ", members) + "}");
        var array = child.List[0, 3].Select(items => "[" + string.Join(", ", items) + "]");
        return PropertyCheck.Weighted((1, scalar), (4, obj), (2, array));
    }

    private static void ReadOrDataError<T>(Func<T> read, string path)
    {
        try
        {
            _ = read();
        }
        catch (EvaluationDataException ex)
        {
            Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        }
    }
}
