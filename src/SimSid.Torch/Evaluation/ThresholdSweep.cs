namespace SimSid.Torch.Evaluation;

/// <summary>
/// Cumulative confusion counts at every distinct score, taken as a threshold (predict abnormal when
/// score &gt;= threshold), in decreasing threshold order; the same construction as scikit-learn's
/// <c>_binary_clf_curve</c>. Index 0 is the threshold +Infinity, where nothing is predicted abnormal.
/// Every curve, the oracle and the best-F1 selection read their points from here.
/// </summary>
internal sealed class ThresholdSweep
{
    private ThresholdSweep(double[] thresholds, int[] truePositives, int[] falsePositives, int positives, int negatives)
    {
        Thresholds = thresholds;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>+Infinity, then the distinct scores in decreasing order.</summary>
    public double[] Thresholds { get; }

    /// <summary>Abnormal cases scoring at or above each threshold.</summary>
    public int[] TruePositives { get; }

    /// <summary>Normal cases scoring at or above each threshold.</summary>
    public int[] FalsePositives { get; }

    /// <summary>Number of abnormal cases.</summary>
    public int Positives { get; }

    /// <summary>Number of normal cases.</summary>
    public int Negatives { get; }

    /// <summary>Number of points, the +Infinity point included.</summary>
    public int Count => Thresholds.Length;

    /// <summary>Validates the inputs (both classes required) and builds the sweep.</summary>
    public static ThresholdSweep Build(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, string purpose)
    {
        ScoreValidation.RequireScoresWithLabels(scores, labels, purpose);
        ScoreValidation.RequireBothClasses(labels, purpose);

        var sortedScores = scores.ToArray();
        var sortedLabels = labels.ToArray();
        Array.Sort(sortedScores, sortedLabels);

        var thresholds = new List<double> { double.PositiveInfinity };
        var truePositives = new List<int> { 0 };
        var falsePositives = new List<int> { 0 };
        int tp = 0, fp = 0;
        for (var i = sortedScores.Length - 1; i >= 0; i--)
        {
            if (sortedLabels[i]) tp++; else fp++;
            var lastOfTies = i == 0 || sortedScores[i - 1] != sortedScores[i];
            if (lastOfTies)
            {
                thresholds.Add(sortedScores[i]);
                truePositives.Add(tp);
                falsePositives.Add(fp);
            }
        }

        return new ThresholdSweep(thresholds.ToArray(), truePositives.ToArray(), falsePositives.ToArray(), tp, fp);
    }

    /// <summary>The confusion matrix at point <paramref name="index"/>.</summary>
    public ConfusionMetrics ConfusionAt(int index) => new(
        Thresholds[index],
        TruePositives[index],
        FalsePositives[index],
        Negatives - FalsePositives[index],
        Positives - TruePositives[index]);
}
