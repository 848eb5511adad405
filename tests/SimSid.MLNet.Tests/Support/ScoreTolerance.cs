using SimSid.Torch;

namespace SimSid.MLNet.Tests.Support;

internal static class ScoreTolerance
{
    /// <summary>
    /// How far two scores of <paramref name="network"/> may lie apart when their logits lie at most
    /// <paramref name="logitTolerance"/> apart: score = 1 - sigmoid((logit - mean) / std) changes by at most
    /// 1 / (4 std) per unit of logit, and a briefly trained network has a small std.
    /// </summary>
    public static float Of(SimSidModel network, double logitTolerance = 1e-5)
    {
        var statistics = network.Calibration!.For(network.Options.Scoring.Mode);
        return (float)(logitTolerance / (4 * statistics.Std));
    }
}
