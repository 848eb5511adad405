namespace SimSid.Torch.Evaluation;

/// <summary>
/// Precision-recall curve of anomaly scores (higher = more abnormal) against labels (true = abnormal),
/// with its average precision. The points are those of scikit-learn's <c>precision_recall_curve</c>
/// (every distinct score, none dropped) but in decreasing threshold order: the first point is
/// (recall 0, precision 1), given the threshold +Infinity, then one point per distinct score.
/// </summary>
public sealed class PrecisionRecallCurve
{
    private PrecisionRecallCurve(IReadOnlyList<PrecisionRecallPoint> points, double averagePrecision)
    {
        Points = points;
        AveragePrecision = averagePrecision;
    }

    /// <summary>The curve, in decreasing threshold order (increasing recall).</summary>
    public IReadOnlyList<PrecisionRecallPoint> Points { get; }

    /// <summary>
    /// Average precision, scikit-learn's <c>average_precision_score</c>: the sum over thresholds of
    /// (R_n - R_(n-1)) * P_n, a step-wise area with no interpolation (not the trapezoid area under the PR
    /// curve, which is optimistic). This is the value reported as <c>prAuc</c>.
    /// </summary>
    public double AveragePrecision { get; }

    /// <summary>Computes the precision-recall curve; both classes must be present.</summary>
    public static PrecisionRecallCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels) =>
        From(ThresholdSweep.Build(scores, labels, "the precision-recall curve and its average precision"));

    internal static PrecisionRecallCurve From(ThresholdSweep sweep)
    {
        var points = new PrecisionRecallPoint[sweep.Count];
        points[0] = new PrecisionRecallPoint(1.0, 0.0, sweep.Thresholds[0]);
        var averagePrecision = 0.0;
        for (var i = 1; i < sweep.Count; i++)
        {
            var truePositives = sweep.TruePositives[i];
            var precision = (double)truePositives / (truePositives + sweep.FalsePositives[i]);
            var recall = (double)truePositives / sweep.Positives;
            points[i] = new PrecisionRecallPoint(precision, recall, sweep.Thresholds[i]);
            averagePrecision += (recall - points[i - 1].Recall) * precision;
        }

        return new PrecisionRecallCurve(points, averagePrecision);
    }
}
