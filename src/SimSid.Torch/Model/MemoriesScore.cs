using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>
/// The raw statistic of a combination of memory modes (<see cref="ScoringMode.Memories"/>, <see cref="ScoringMode.FocalAndDiffuse"/>):
/// each part's raw scores (or distance maps) in standard deviations above the mean of its normal training images
/// (<see cref="LogitStatistics"/> of its own calibration), averaged over the parts. A part's values come in its own units
/// (pixels, network features, a place's distance or a mean of them), so they are put on one scale before they meet.
/// </summary>
public static class MemoriesScore
{
    /// <summary>The mean over memories of <c>(values - mean) / (std + 1e-8)</c>; <paramref name="values"/> and <paramref name="statistics"/> pair up.</summary>
    /// <exception cref="ArgumentException">No memories, or not one statistics per tensor.</exception>
    public static Tensor Combine(IReadOnlyList<Tensor> values, IReadOnlyList<LogitStatistics> statistics)
    {
        if (values.Count == 0 || values.Count != statistics.Count)
            throw new ArgumentException($"Expected one statistics per memory; got {values.Count} memories and {statistics.Count} statistics.", nameof(statistics));
        using var scope = NewDisposeScope();
        var sum = zeros_like(values[0], dtype: float64);
        for (int i = 0; i < values.Count; i++)
            sum.add_(statistics[i].Standardise(values[i].to(float64)), HeldScalars.Of(1));
        return sum.div_(HeldScalars.Of(values.Count)).to(values[0].dtype).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="Combine(IReadOnlyList{Tensor}, IReadOnlyList{LogitStatistics})"/> of raw scores held as arrays.</summary>
    public static double[] Combine(IReadOnlyList<IReadOnlyList<double>> values, IReadOnlyList<LogitStatistics> statistics)
    {
        using var scope = NewDisposeScope();
        return Combine([.. values.Select(v => tensor(v.ToArray()))], statistics).data<double>().ToArray();
    }
}
