namespace SimSid.Data.Synthetic;

/// <summary>
/// A smooth random field on [-1, 1]²: random values on a coarse lattice, interpolated with a
/// smoothstep. Values lie roughly in [-1, 1]; <c>cells</c> sets the feature size.
/// </summary>
internal sealed class ValueNoise
{
    private readonly float[] _lattice;
    private readonly int _cells;

    public ValueNoise(DeterministicRandom random, int cells)
    {
        _cells = cells;
        _lattice = new float[(cells + 1) * (cells + 1)];
        for (int i = 0; i < _lattice.Length; i++)
        {
            _lattice[i] = (float)((2 * random.NextDouble()) - 1);
        }
    }

    /// <summary>The field at (x, y); points outside [-1, 1]² are clamped to its border.</summary>
    public float Sample(double x, double y)
    {
        double gx = Math.Clamp((x + 1) * 0.5 * _cells, 0, _cells - 1e-9);
        double gy = Math.Clamp((y + 1) * 0.5 * _cells, 0, _cells - 1e-9);
        int ix = (int)gx;
        int iy = (int)gy;
        float fx = Smooth((float)(gx - ix));
        float fy = Smooth((float)(gy - iy));
        int row = iy * (_cells + 1);
        float top = Lerp(_lattice[row + ix], _lattice[row + ix + 1], fx);
        float bottom = Lerp(_lattice[row + _cells + 1 + ix], _lattice[row + _cells + 2 + ix], fx);
        return Lerp(top, bottom, fy);
    }

    private static float Smooth(float t) => t * t * (3 - (2 * t));

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);
}
