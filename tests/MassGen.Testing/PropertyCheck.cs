using System.Globalization;
using CsCheck;

namespace MassGen.Testing;

/// <summary>
/// Runs a property over inputs drawn from a CsCheck generator with fixed seeds, so every run checks the same inputs
/// (CsCheck's own sampler reseeds randomly after the first iteration, which would make the suite nondeterministic).
/// </summary>
public static class PropertyCheck
{
    /// <summary>
    /// Calls <paramref name="property"/> on <paramref name="iterations"/> inputs; the first failure is rethrown with
    /// its iteration, seed and input, so it can be replayed and kept as an example test.
    /// </summary>
    public static void ForAll<T>(Gen<T> gen, int iterations, ulong seed, Action<T> property, Func<T, string>? print = null)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(property);
        for (var i = 0; i < iterations; i++)
        {
            var input = gen.Generate(new PCG(1, seed + (ulong)i), null, out _);
            try
            {
                property(input);
            }
            catch (Exception ex)
            {
                var shown = print is null ? input?.ToString() : print(input);
                throw new PropertyFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"property failed at iteration {i} (seed {seed + (ulong)i}) for input:\n{Escape(shown)}\n{ex.GetType().Name}: {ex.Message}"), ex);
            }
        }
    }

    /// <summary>One of <paramref name="choices"/>, picked in proportion to its weight.</summary>
    public static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] choices) =>
        Gen.Frequency([.. choices.Select(c => (c.Weight, (IGen<T>)c.Gen))]);

    // Control characters and lone surrogates would garble the test log; show them as escapes instead.
    private static string Escape(string? text) =>
        text is null ? "(null)" : string.Concat(text.Select(c => char.IsControl(c) && c != '\n' || char.IsSurrogate(c)
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
            : c.ToString()));
}
