using System.Text.Json;

namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary>
/// Reads one instruction's <c>kwargs</c> with errors that name the instruction and the argument. Null
/// values count as absent, as in the official evaluator; an argument the instruction does not take is
/// an error rather than being ignored.
/// </summary>
internal sealed class InstructionArguments
{
    private readonly string _instructionId;
    private readonly IReadOnlyDictionary<string, JsonElement> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public InstructionArguments(string instructionId, IReadOnlyDictionary<string, JsonElement> values)
    {
        _instructionId = instructionId;
        _values = values;
    }

    public int Int(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Invalid(name, $"must be an integer, but is {value.GetRawText()}");
        }

        return number;
    }

    public string String(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(name, $"must be a string, but is {value.GetRawText()}");
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Invalid(name, $"must be a list of strings, but is {value.GetRawText()}");
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    public Relation Relation(string name) => String(name) switch
    {
        "less than" => Checkers.Relation.LessThan,
        "at least" => Checkers.Relation.AtLeast,
        var other => throw Invalid(name, $"must be \"less than\" or \"at least\", but is \"{other}\""),
    };

    /// <summary>Fails when the data carries an argument that was not read.</summary>
    public void EnsureAllRead()
    {
        var extra = _values.Where(p => p.Value.ValueKind != JsonValueKind.Null && !_read.Contains(p.Key))
            .Select(p => p.Key).ToList();
        if (extra.Count > 0)
        {
            var expected = _read.Count == 0 ? "no arguments" : "only " + string.Join(", ", _read.Order(StringComparer.Ordinal));
            throw new EvaluationDataException(
                $"Instruction '{_instructionId}' does not take the argument(s) {string.Join(", ", extra)}; it takes {expected}.");
        }
    }

    private JsonElement Required(string name)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new EvaluationDataException(
                $"Instruction '{_instructionId}' needs the argument '{name}' in its kwargs, but it is missing.");
        }

        return value;
    }

    private EvaluationDataException Invalid(string name, string problem) =>
        new($"Argument '{name}' of instruction '{_instructionId}' {problem}.");
}
