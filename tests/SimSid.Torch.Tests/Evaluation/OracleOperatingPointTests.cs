using SimSid.Torch.Evaluation;
using static SimSid.Torch.Tests.Evaluation.EvaluationExamples;

namespace SimSid.Torch.Tests.Evaluation;

public class OracleOperatingPointTests
{
    [Fact]
    public void The_first_of_equally_accurate_thresholds_wins()
    {
        // Accuracy at +inf, 0.8, 0.4, 0.35, 0.1: 2/4, 3/4, 2/4, 3/4, 2/4. 0.8 comes first in ROC order.
        var oracle = OracleOperatingPoint.BestAccuracy(MixedScores, MixedLabels);

        Assert.Equal(new ConfusionMetrics(0.8, truePositives: 1, falsePositives: 0, trueNegatives: 2, falseNegatives: 1), oracle);
        Assert.Equal(0.75, oracle.Accuracy, 12);
    }

    [Fact]
    public void Infinite_threshold_wins_when_predicting_nothing_abnormal_is_most_accurate()
    {
        // Normal 0.9, 0.8; abnormal 0.1. Accuracy at +inf, 0.9, 0.8, 0.1: 2/3, 1/3, 0, 1/3.
        var oracle = OracleOperatingPoint.BestAccuracy([0.9, 0.8, 0.1], [false, false, true]);

        Assert.Equal(new ConfusionMetrics(double.PositiveInfinity, 0, 0, 2, 1), oracle);
    }

    [Fact]
    public void Perfect_separator_is_fully_accurate_at_the_lowest_abnormal_score()
    {
        var oracle = OracleOperatingPoint.BestAccuracy(SeparatedScores, SeparatedLabels);

        Assert.Equal(new ConfusionMetrics(0.8, 2, 0, 2, 0), oracle);
        Assert.Equal(1.0, oracle.Accuracy);
    }
}
