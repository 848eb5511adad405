namespace SimSid.MLNet.Imaging;

/// <summary>
/// Resampling weights along one image axis: area averaging when shrinking (every source pixel
/// contributes in proportion to its overlap, so no aliasing), linear interpolation between pixel
/// centres when enlarging.
/// </summary>
internal sealed class AxisResampler
{
    private readonly int[][] _sources;
    private readonly float[][] _weights;

    public AxisResampler(int sourceLength, int targetLength)
    {
        if (sourceLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(sourceLength), sourceLength, "The source must have at least one pixel.");
        if (targetLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(targetLength), targetLength, "The target must have at least one pixel.");

        SourceLength = sourceLength;
        TargetLength = targetLength;
        _sources = new int[targetLength][];
        _weights = new float[targetLength][];
        double scale = (double)sourceLength / targetLength;
        for (int t = 0; t < targetLength; t++)
        {
            if (scale >= 1)
                AreaWeights(t, scale, sourceLength, out _sources[t], out _weights[t]);
            else
                LinearWeights(t, scale, sourceLength, out _sources[t], out _weights[t]);
        }
    }

    public int SourceLength { get; }

    public int TargetLength { get; }

    /// <summary>Source indices that contribute to target pixel <paramref name="target"/>.</summary>
    public ReadOnlySpan<int> Sources(int target) => _sources[target];

    /// <summary>Weights of <see cref="Sources"/>, summing to 1.</summary>
    public ReadOnlySpan<float> Weights(int target) => _weights[target];

    private static void AreaWeights(int target, double scale, int sourceLength, out int[] sources, out float[] weights)
    {
        double start = target * scale, end = start + scale;
        int first = (int)Math.Floor(start);
        int last = Math.Min((int)Math.Ceiling(end) - 1, sourceLength - 1);
        var indices = new List<int>(last - first + 1);
        var overlaps = new List<float>(last - first + 1);
        for (int s = first; s <= last; s++)
        {
            double overlap = Math.Min(end, s + 1) - Math.Max(start, s);
            if (overlap <= 1e-9)
                continue;
            indices.Add(s);
            overlaps.Add((float)(overlap / scale));
        }
        sources = [.. indices];
        weights = [.. overlaps];
    }

    private static void LinearWeights(int target, double scale, int sourceLength, out int[] sources, out float[] weights)
    {
        // Pixel centres are at i + 0.5 on both axes (the half-pixel convention of align_corners=false).
        double position = Math.Clamp((target + 0.5) * scale - 0.5, 0, sourceLength - 1);
        int left = (int)Math.Floor(position);
        int right = Math.Min(left + 1, sourceLength - 1);
        float fraction = (float)(position - left);
        sources = [left, right];
        weights = [1 - fraction, fraction];
    }
}
