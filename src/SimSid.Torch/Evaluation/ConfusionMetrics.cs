using System.Text.Json.Serialization;

namespace SimSid.Torch.Evaluation;

/// <summary>
/// Confusion matrix and the metrics derived from it at one threshold; a case is predicted abnormal
/// (positive) when its score is &gt;= <see cref="Threshold"/>. A ratio whose denominator is zero is
/// reported as 0 (scikit-learn's <c>zero_division=0</c>): e.g. precision when nothing is predicted abnormal.
/// </summary>
public sealed record ConfusionMetrics
{
    /// <summary>Creates the metrics from the four counts of a confusion matrix.</summary>
    /// <param name="threshold">The threshold; +Infinity means nothing is predicted abnormal.</param>
    /// <param name="truePositives">Abnormal cases predicted abnormal.</param>
    /// <param name="falsePositives">Normal cases predicted abnormal.</param>
    /// <param name="trueNegatives">Normal cases predicted normal.</param>
    /// <param name="falseNegatives">Abnormal cases predicted normal.</param>
    [JsonConstructor]
    public ConfusionMetrics(double threshold, int truePositives, int falsePositives, int trueNegatives, int falseNegatives)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("The threshold is NaN: give a number (+Infinity predicts nothing abnormal).",
                nameof(threshold));
        }

        RequireCount(truePositives, nameof(truePositives));
        RequireCount(falsePositives, nameof(falsePositives));
        RequireCount(trueNegatives, nameof(trueNegatives));
        RequireCount(falseNegatives, nameof(falseNegatives));
        if ((long)truePositives + falsePositives + trueNegatives + falseNegatives == 0)
        {
            throw new ArgumentException("All four confusion counts are zero: metrics need at least one case.",
                nameof(truePositives));
        }

        Threshold = threshold;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        TrueNegatives = trueNegatives;
        FalseNegatives = falseNegatives;
    }

    /// <summary>Scores at or above this value are predicted abnormal.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double Threshold { get; }

    /// <summary>Abnormal cases predicted abnormal.</summary>
    public int TruePositives { get; }

    /// <summary>Normal cases predicted abnormal.</summary>
    public int FalsePositives { get; }

    /// <summary>Normal cases predicted normal.</summary>
    public int TrueNegatives { get; }

    /// <summary>Abnormal cases predicted normal.</summary>
    public int FalseNegatives { get; }

    /// <summary>Fraction of all cases predicted correctly.</summary>
    public double Accuracy => Ratio(TruePositives + (long)TrueNegatives, Total);

    /// <summary>TP / (TP + FP); 0 when nothing is predicted abnormal.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + (long)FalsePositives);

    /// <summary>TP / (TP + FN), the same value as <see cref="Sensitivity"/>; 0 when there is no abnormal case.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + (long)FalseNegatives);

    /// <summary>True-positive rate; the same value as <see cref="Recall"/>.</summary>
    public double Sensitivity => Recall;

    /// <summary>TN / (TN + FP); 0 when there is no normal case.</summary>
    public double Specificity => Ratio(TrueNegatives, TrueNegatives + (long)FalsePositives);

    /// <summary>Harmonic mean of precision and recall, 2TP / (2TP + FP + FN); 0 when TP = 0.</summary>
    public double F1 => Ratio(2L * TruePositives, 2L * TruePositives + FalsePositives + FalseNegatives);

    private long Total => (long)TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>
    /// Counts the confusion matrix of <paramref name="scores"/> against <paramref name="labels"/>
    /// (true = abnormal), predicting abnormal when score &gt;= <paramref name="threshold"/>.
    /// One class alone is allowed; the ratios it leaves undefined are 0.
    /// </summary>
    public static ConfusionMetrics AtThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        ScoreValidation.RequireScoresWithLabels(scores, labels, "a confusion matrix");
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("The threshold is NaN: give a number (+Infinity predicts nothing abnormal).",
                nameof(threshold));
        }

        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predictedAbnormal = scores[i] >= threshold;
            if (labels[i]) { if (predictedAbnormal) tp++; else fn++; }
            else { if (predictedAbnormal) fp++; else tn++; }
        }

        return new ConfusionMetrics(threshold, tp, fp, tn, fn);
    }

    private static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? 0.0 : (double)numerator / denominator;

    private static void RequireCount(int count, string name)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(name, count, "A confusion count cannot be negative.");
        }
    }
}
