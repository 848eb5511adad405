namespace SimSid.MLNet.Tests.Support;

/// <summary>Two floats are equal when they lie at most the tolerance apart (for comparing score and pixel sequences).</summary>
internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(float obj) => 0;
}
