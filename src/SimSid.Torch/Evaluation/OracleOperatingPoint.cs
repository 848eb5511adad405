namespace SimSid.Torch.Evaluation;

/// <summary>
/// ORACLE operating point: the ROC threshold with the best accuracy on the very labels being evaluated.
/// It peeks at the test labels, so it is an optimistic upper bound, not a deployable threshold; it is
/// kept because the SimSID reference reports its accuracy, F1, recall, precision and specificity this way.
/// </summary>
public static class OracleOperatingPoint
{
    /// <summary>
    /// Tries every ROC threshold in <see cref="RocCurve"/> order (+Infinity first, then decreasing scores)
    /// and keeps the first one with strictly better accuracy, as the reference does. The choice is the same
    /// whether or not collinear ROC points are dropped: accuracy is linear along a ROC segment, so an
    /// intermediate point never beats both of its ends.
    /// </summary>
    /// <returns>The confusion metrics at the oracle threshold (which may be +Infinity: predict nothing abnormal).</returns>
    public static ConfusionMetrics BestAccuracy(IReadOnlyList<double> scores, IReadOnlyList<bool> labels) =>
        From(ThresholdSweep.Build(scores, labels, "the oracle (best test accuracy) operating point"));

    internal static ConfusionMetrics From(ThresholdSweep sweep)
    {
        var best = 0;
        var bestCorrect = -1;
        for (var i = 0; i < sweep.Count; i++)
        {
            var correct = sweep.TruePositives[i] + (sweep.Negatives - sweep.FalsePositives[i]);
            if (correct > bestCorrect)
            {
                best = i;
                bestCorrect = correct;
            }
        }

        return sweep.ConfusionAt(best);
    }
}
