using SimSid.Torch.Evaluation;

namespace SimSid.Torch.Tests.Evaluation;

public class ValidationTests
{
    [Fact]
    public void Empty_scores_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => RocCurve.Compute([], []));
        Assert.StartsWith("No scores were given: the ROC curve and its AUC needs at least one anomaly score.", error.Message);
        Assert.Equal("scores", error.ParamName);
    }

    [Fact]
    public void Empty_normal_training_scores_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ThresholdSelection.FromNormalScores([]));
        Assert.StartsWith("No scores were given: a quantile threshold from normal training scores", error.Message);
        Assert.Equal("normalTrainingScores", error.ParamName);
    }

    [Fact]
    public void Length_mismatch_is_rejected_with_both_lengths()
    {
        var error = Assert.Throws<ArgumentException>(
            () => PrecisionRecallCurve.Compute([0.1, 0.2, 0.3], [true, false]));
        Assert.StartsWith("Got 3 scores but 2 labels:", error.Message);
        Assert.Equal("labels", error.ParamName);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Non_finite_score_is_rejected_naming_its_index(double bad, string shown)
    {
        var error = Assert.Throws<ArgumentException>(
            () => BinaryEvaluation.Evaluate([0.1, 0.2, bad, 0.4], [true, false, true, false], ThresholdSelection.Fixed(0.3)));
        Assert.StartsWith($"Score at index 2 is {shown}: anomaly scores must be finite numbers", error.Message);
    }

    [Fact]
    public void Non_finite_normal_training_score_is_rejected_naming_its_index()
    {
        var error = Assert.Throws<ArgumentException>(() => ThresholdSelection.FromNormalScores([0.1, double.NaN]));
        Assert.StartsWith("Score at index 1 is NaN", error.Message);
    }

    [Fact]
    public void Only_normal_labels_make_the_auc_undefined()
    {
        var error = Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.1, 0.2], [false, false]));
        Assert.StartsWith(
            "All 2 labels are normal (false): the ROC curve and its AUC is undefined with a single class. " +
            "Both classes are needed",
            error.Message);
    }

    [Fact]
    public void Only_abnormal_labels_are_rejected_by_every_label_based_selection()
    {
        bool[] labels = [true, true, true];
        double[] scores = [0.1, 0.2, 0.3];

        Assert.Contains("All 3 labels are abnormal (true)",
            Assert.Throws<ArgumentException>(() => ThresholdSelection.BestValidationF1(scores, labels)).Message);
        Assert.Contains("Both classes are needed",
            Assert.Throws<ArgumentException>(() => OracleOperatingPoint.BestAccuracy(scores, labels)).Message);
        Assert.Contains("Both classes are needed",
            Assert.Throws<ArgumentException>(() => BinaryEvaluation.Evaluate(scores, labels, ThresholdSelection.Fixed(0.2))).Message);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Quantile_level_outside_zero_one_is_rejected(double quantile)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSelection.FromNormalScores([1.0, 2.0], quantile));
        Assert.Equal("quantile", error.ParamName);
        Assert.Contains("must lie in [0, 1]", error.Message);
    }

    [Fact]
    public void Non_finite_fixed_threshold_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ThresholdSelection.Fixed(double.NaN));
        Assert.StartsWith("The threshold is NaN: a stored threshold must be a finite number.", error.Message);
    }

    [Fact]
    public void NaN_threshold_for_a_confusion_matrix_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMetrics.AtThreshold([0.1], [true], double.NaN));
        Assert.StartsWith("The threshold is NaN", error.Message);
    }

    [Fact]
    public void Negative_or_all_zero_confusion_counts_are_rejected()
    {
        Assert.Equal("falseNegatives",
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMetrics(0.5, 1, 1, 1, -1)).ParamName);
        Assert.StartsWith("All four confusion counts are zero",
            Assert.Throws<ArgumentException>(() => new ConfusionMetrics(0.5, 0, 0, 0, 0)).Message);
    }
}
