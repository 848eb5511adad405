using SimSid.Torch.Evaluation;
using static SimSid.Torch.Tests.Evaluation.EvaluationExamples;

namespace SimSid.Torch.Tests.Evaluation;

public class ThresholdSelectionTests
{
    [Fact]
    public void Default_quantile_of_normal_scores_uses_linear_interpolation()
    {
        // 1..20 shuffled. R-7: h = (20 - 1) * 0.95 = 18.05 (0-based) -> 19 + 0.05 * (20 - 19) = 19.05,
        // as numpy.quantile(range(1, 21), 0.95).
        double[] scores = [7, 3, 20, 1, 12, 15, 9, 18, 2, 11, 5, 14, 19, 6, 16, 4, 10, 13, 8, 17];

        var selection = ThresholdSelection.FromNormalScores(scores);

        Assert.Equal(ThresholdMethod.NormalScoreQuantile, selection.Method);
        Assert.Equal(19.05, selection.Threshold, 10);
        Assert.Equal(0.95, selection.Parameter);
        Assert.Equal(20, selection.SampleCount);
    }

    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.9, 3.7)]
    public void Quantile_level_is_configurable(double quantile, double expected)
    {
        Assert.Equal(expected, ThresholdSelection.FromNormalScores([4.0, 2.0, 1.0, 3.0], quantile).Threshold, 10);
    }

    [Fact]
    public void Best_f1_picks_the_threshold_with_the_highest_validation_f1()
    {
        // F1 at 0.8, 0.4, 0.35, 0.1: 2/3, 1/2, 4/5, 2/3.
        var selection = ThresholdSelection.BestValidationF1(MixedScores, MixedLabels);

        Assert.Equal(ThresholdMethod.ValidationBestF1, selection.Method);
        Assert.Equal(0.35, selection.Threshold);
        Assert.Null(selection.Parameter);
        Assert.Equal(4, selection.SampleCount);
    }

    [Fact]
    public void Best_f1_ties_go_to_the_highest_threshold()
    {
        // Abnormal 4 and 1, normal 3 and 2. F1 at 4: 2/(2+0+1) = 2/3; at 3: 2/4; at 2: 2/5; at 1: 4/(4+2+0) = 2/3.
        var selection = ThresholdSelection.BestValidationF1([4.0, 3.0, 2.0, 1.0], [true, false, false, true]);

        Assert.Equal(4.0, selection.Threshold);
    }

    [Fact]
    public void Fixed_threshold_keeps_the_given_value()
    {
        var selection = ThresholdSelection.Fixed(0.42);

        Assert.Equal(new { Method = ThresholdMethod.Fixed, Threshold = 0.42 }, new { selection.Method, selection.Threshold });
        Assert.Null(selection.Parameter);
        Assert.Null(selection.SampleCount);
    }

    [Fact]
    public void ToString_names_the_method_and_its_parameter()
    {
        Assert.Equal(
            "threshold 2.5: 0.5 quantile (R-7) of 4 normal training scores",
            ThresholdSelection.FromNormalScores([4.0, 2.0, 1.0, 3.0], 0.5).ToString());
        Assert.Equal(
            "threshold 0.35: best F1 on 4 validation scores",
            ThresholdSelection.BestValidationF1(MixedScores, MixedLabels).ToString());
        Assert.Equal("threshold 0.42: fixed", ThresholdSelection.Fixed(0.42).ToString());
    }
}
