using SimSid.Torch.Evaluation;
using static SimSid.Torch.Tests.Evaluation.EvaluationExamples;

namespace SimSid.Torch.Tests.Evaluation;

public class ConfusionMetricsTests
{
    [Fact]
    public void A_score_equal_to_the_threshold_is_predicted_abnormal()
    {
        // Threshold 0.35: abnormal predicted for 0.4 (normal), 0.35 and 0.8 (abnormal).
        var metrics = ConfusionMetrics.AtThreshold(MixedScores, MixedLabels, 0.35);

        Assert.Equal(new ConfusionMetrics(0.35, truePositives: 2, falsePositives: 1, trueNegatives: 1, falseNegatives: 0), metrics);
        Assert.Equal(0.75, metrics.Accuracy, 12);
        Assert.Equal(2.0 / 3.0, metrics.Precision, 12);
        Assert.Equal(1.0, metrics.Recall, 12);
        Assert.Equal(1.0, metrics.Sensitivity, 12);
        Assert.Equal(0.5, metrics.Specificity, 12);
        Assert.Equal(0.8, metrics.F1, 12); // 2 * (2/3) * 1 / (2/3 + 1)
    }

    [Fact]
    public void Metrics_from_unbalanced_counts()
    {
        var metrics = new ConfusionMetrics(1.5, truePositives: 6, falsePositives: 2, trueNegatives: 9, falseNegatives: 3);

        Assert.Equal(15.0 / 20.0, metrics.Accuracy, 12);
        Assert.Equal(6.0 / 8.0, metrics.Precision, 12);
        Assert.Equal(6.0 / 9.0, metrics.Recall, 12);
        Assert.Equal(9.0 / 11.0, metrics.Specificity, 12);
        Assert.Equal(12.0 / 17.0, metrics.F1, 12);
    }

    [Fact]
    public void Nothing_predicted_abnormal_gives_precision_and_f1_zero()
    {
        var metrics = ConfusionMetrics.AtThreshold(MixedScores, MixedLabels, 0.95);

        Assert.Equal(0, metrics.TruePositives + metrics.FalsePositives);
        Assert.Equal(0.0, metrics.Precision);
        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.0, metrics.F1);
        Assert.Equal(1.0, metrics.Specificity);
        Assert.Equal(0.5, metrics.Accuracy);
    }

    [Fact]
    public void Infinite_threshold_predicts_nothing_abnormal()
    {
        var metrics = ConfusionMetrics.AtThreshold(MixedScores, MixedLabels, double.PositiveInfinity);

        Assert.Equal(new ConfusionMetrics(double.PositiveInfinity, 0, 0, 2, 2), metrics);
    }

    [Fact]
    public void One_class_alone_is_allowed_and_its_undefined_rate_is_zero()
    {
        var metrics = ConfusionMetrics.AtThreshold([0.1, 0.9], [false, false], 0.5);

        Assert.Equal(new ConfusionMetrics(0.5, 0, 1, 1, 0), metrics);
        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.5, metrics.Specificity);
    }
}
