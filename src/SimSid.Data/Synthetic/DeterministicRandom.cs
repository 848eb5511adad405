namespace SimSid.Data.Synthetic;

/// <summary>
/// A small, fast pseudo-random generator (xoshiro256**, seeded through SplitMix64) whose
/// sequence depends only on its seed, so synthetic images are reproducible on any runtime.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareGaussian;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public DeterministicRandom(ulong seed)
    {
        ulong state = seed;
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    /// <summary>
    /// Combines a seed with further values (e.g. a split and an image index) into a new,
    /// well-mixed seed, so that each image gets its own independent stream.
    /// </summary>
    public static ulong DeriveSeed(ulong seed, params ReadOnlySpan<ulong> parts)
    {
        ulong state = seed;
        ulong mixed = SplitMix(ref state);
        foreach (ulong part in parts)
        {
            state = mixed ^ (part * 0x9E3779B97F4A7C15UL);
            mixed = SplitMix(ref state);
        }

        return mixed;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        return (int)(NextDouble() * maxExclusive);
    }

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A normal deviate (Box-Muller; the second deviate of each pair is kept for the next call).</summary>
    public double Gaussian(double mean = 0, double standardDeviation = 1)
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return mean + (standardDeviation * spare);
        }

        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spareGaussian = radius * Math.Sin(angle);
        return mean + (standardDeviation * radius * Math.Cos(angle));
    }

    /// <summary>A normal deviate clipped to mean ± <paramref name="limit"/> standard deviations.</summary>
    public double ClippedGaussian(double mean, double standardDeviation, double limit = 2.5) =>
        mean + (standardDeviation * Math.Clamp(Gaussian(), -limit, limit));

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
