namespace SimSid.Torch.Evaluation;

/// <summary>
/// Receiver operating characteristic of anomaly scores (higher = more abnormal) against labels
/// (true = abnormal). The points follow scikit-learn's <c>roc_curve(..., drop_intermediate=False)</c>:
/// the first point is (0, 0) at threshold +Infinity, then one point per distinct score in decreasing order,
/// ending at (1, 1). Tied scores form one point, so ties give a diagonal segment.
/// </summary>
public sealed class RocCurve
{
    private RocCurve(IReadOnlyList<RocPoint> points, double auc)
    {
        Points = points;
        Auc = auc;
    }

    /// <summary>The curve, in decreasing threshold order.</summary>
    public IReadOnlyList<RocPoint> Points { get; }

    /// <summary>
    /// Area under the curve by the trapezoid rule. Because ties form diagonal segments this equals the
    /// Mann-Whitney probability P(score_abnormal &gt; score_normal) + 0.5 P(score_abnormal = score_normal).
    /// </summary>
    public double Auc { get; }

    /// <summary>Computes the ROC curve; both classes must be present.</summary>
    public static RocCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels) =>
        From(ThresholdSweep.Build(scores, labels, "the ROC curve and its AUC"));

    internal static RocCurve From(ThresholdSweep sweep)
    {
        var points = new RocPoint[sweep.Count];
        // Twice the area in units of (one negative) x (one positive): an integer, so the AUC is exact
        // up to the final division.
        long doubledArea = 0;
        for (var i = 0; i < sweep.Count; i++)
        {
            points[i] = new RocPoint(
                (double)sweep.FalsePositives[i] / sweep.Negatives,
                (double)sweep.TruePositives[i] / sweep.Positives,
                sweep.Thresholds[i]);
            if (i > 0)
            {
                doubledArea += (long)(sweep.FalsePositives[i] - sweep.FalsePositives[i - 1])
                    * (sweep.TruePositives[i] + sweep.TruePositives[i - 1]);
            }
        }

        return new RocCurve(points, doubledArea / (2.0 * sweep.Positives * sweep.Negatives));
    }
}
