using System.Globalization;
using System.Text.Json.Serialization;
using MathNet.Numerics.Statistics;

namespace SimSid.Torch.Evaluation;

/// <summary>
/// A decision threshold (predict abnormal when score &gt;= <see cref="Threshold"/>) together with how it was
/// chosen, so that it can be stored with a model and printed. Built only by the factory methods, none of
/// which uses test labels.
/// </summary>
public sealed record ThresholdSelection
{
    /// <summary>The quantile of normal training scores used when none is given.</summary>
    public const double DefaultQuantile = 0.95;

    [JsonConstructor]
    private ThresholdSelection(ThresholdMethod method, double threshold, double? parameter, int? sampleCount)
    {
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentException(
                $"The threshold is {threshold.ToString(CultureInfo.InvariantCulture)}: a stored threshold must be a finite number.", nameof(threshold));
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method,
                $"Unknown threshold method; expected one of {string.Join(", ", Enum.GetNames<ThresholdMethod>())}.");
        }

        Method = method;
        Threshold = threshold;
        Parameter = parameter;
        SampleCount = sampleCount;
    }

    /// <summary>How the threshold was chosen.</summary>
    public ThresholdMethod Method { get; }

    /// <summary>Scores at or above this value are predicted abnormal.</summary>
    public double Threshold { get; }

    /// <summary>The method's parameter: the quantile level for <see cref="ThresholdMethod.NormalScoreQuantile"/>; otherwise null.</summary>
    public double? Parameter { get; }

    /// <summary>How many scores the threshold was chosen from; null for <see cref="ThresholdMethod.Fixed"/>.</summary>
    public int? SampleCount { get; }

    /// <summary>A threshold given by the user.</summary>
    public static ThresholdSelection Fixed(double threshold) => new(ThresholdMethod.Fixed, threshold, null, null);

    /// <summary>
    /// The <paramref name="quantile"/>-th quantile of the scores of normal training images, so that about a
    /// fraction 1 - <paramref name="quantile"/> of normal images is flagged. Quantile definition: R-7 of
    /// Hyndman and Fan (linear interpolation between order statistics at h = (n - 1) q), the default of
    /// NumPy, R and Excel's PERCENTILE.INC; MathNet's <c>Statistics.Quantile</c> would use R-8 instead.
    /// </summary>
    /// <param name="normalTrainingScores">Scores of training images assumed normal.</param>
    /// <param name="quantile">Quantile level in [0, 1]; 0.95 by default.</param>
    public static ThresholdSelection FromNormalScores(
        IReadOnlyList<double> normalTrainingScores, double quantile = DefaultQuantile)
    {
        ScoreValidation.RequireFiniteScores(normalTrainingScores, nameof(normalTrainingScores),
            "a quantile threshold from normal training scores");
        if (!(quantile >= 0.0 && quantile <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile,
                $"The quantile level must lie in [0, 1] (e.g. {DefaultQuantile} flags about 5% of normal images).");
        }

        var threshold = Statistics.QuantileCustom(normalTrainingScores, quantile, QuantileDefinition.R7);
        return new ThresholdSelection(ThresholdMethod.NormalScoreQuantile, threshold, quantile, normalTrainingScores.Count);
    }

    /// <summary>
    /// The score threshold with the best F1 on a labelled validation split (true = abnormal), trying every
    /// distinct validation score. Among equal F1 values the highest threshold wins (fewest false alarms).
    /// </summary>
    public static ThresholdSelection BestValidationF1(
        IReadOnlyList<double> validationScores, IReadOnlyList<bool> validationLabels)
    {
        var sweep = ThresholdSweep.Build(validationScores, validationLabels, "best-F1 threshold selection on validation data");
        long bestNumerator = 0, bestDenominator = 1;
        var best = 1;
        for (var i = 1; i < sweep.Count; i++)
        {
            // F1 = 2TP / (2TP + FP + FN); compared as exact fractions so that ties are ties.
            long numerator = 2L * sweep.TruePositives[i];
            long denominator = numerator + sweep.FalsePositives[i] + (sweep.Positives - sweep.TruePositives[i]);
            if (numerator * bestDenominator > bestNumerator * denominator)
            {
                best = i;
                bestNumerator = numerator;
                bestDenominator = denominator;
            }
        }

        return new ThresholdSelection(ThresholdMethod.ValidationBestF1, sweep.Thresholds[best], null, validationScores.Count);
    }

    /// <summary>One line saying how the threshold was chosen, e.g. for logs and the command line.</summary>
    public override string ToString()
    {
        var threshold = Threshold.ToString("G6", CultureInfo.InvariantCulture);
        return Method switch
        {
            ThresholdMethod.NormalScoreQuantile =>
                $"threshold {threshold}: {Parameter?.ToString("G4", CultureInfo.InvariantCulture)} quantile (R-7) " +
                $"of {SampleCount} normal training scores",
            ThresholdMethod.ValidationBestF1 => $"threshold {threshold}: best F1 on {SampleCount} validation scores",
            _ => $"threshold {threshold}: fixed",
        };
    }
}
