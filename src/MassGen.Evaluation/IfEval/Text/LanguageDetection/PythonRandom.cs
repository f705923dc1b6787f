namespace MassGen.Evaluation.IfEval.Text.LanguageDetection;

/// <summary>
/// The Mersenne Twister (MT19937) with CPython's integer seeding, <c>random()</c>, <c>gauss()</c> and
/// <c>choice()</c>, so a detection seeded like the official detector draws the very same n-grams and smoothing
/// values, and decides the same on borderline texts.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private const double TwoPi = 2.0 * Math.PI;
    private readonly uint[] _state = new uint[N];
    private int _index;
    private double? _nextGauss;

    public PythonRandom(uint seed) => Seed(seed);

    /// <summary>CPython's <c>random.seed(n)</c> for a non-negative integer below 2^32 (a one-word key).</summary>
    public void Seed(uint seed)
    {
        InitByArray([seed]);
        _nextGauss = null;
    }

    /// <summary><c>random.random()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>random.gauss(mu, sigma)</c>, which produces its normal deviates in pairs.</summary>
    public double Gauss(double mu, double sigma)
    {
        var z = _nextGauss;
        _nextGauss = null;
        if (z is null)
        {
            var x2Pi = NextDouble() * TwoPi;
            var g2Rad = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
            z = Math.Cos(x2Pi) * g2Rad;
            _nextGauss = Math.Sin(x2Pi) * g2Rad;
        }

        return mu + (z.Value * sigma);
    }

    /// <summary>The index <c>random.choice(seq)</c> picks for a sequence of <paramref name="count"/> items.</summary>
    public int ChoiceIndex(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);

        // _randbelow: draw bit_length(count) bits, rejecting values past the end.
        var bits = 32 - uint.LeadingZeroCount((uint)count);
        int r;
        do
        {
            r = (int)(NextUInt32() >> (int)(32 - bits));
        }
        while (r >= count);
        return r;
    }

    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        var y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var k = 0; k < N; k++)
        {
            var y = (_state[k] & 0x80000000u) | (_state[(k + 1) % N] & 0x7fffffffu);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }

        _index = 0;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (var k = N - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }

        _state[0] = 0x80000000u;
        _index = N;
    }

    private void InitGenrand(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            _state[i] = (1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i;
        }

        _index = N;
    }
}
