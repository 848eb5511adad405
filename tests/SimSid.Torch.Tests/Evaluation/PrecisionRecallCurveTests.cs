using SimSid.Torch.Evaluation;
using static SimSid.Torch.Tests.Evaluation.EvaluationExamples;

namespace SimSid.Torch.Tests.Evaluation;

public class PrecisionRecallCurveTests
{
    [Fact]
    public void Points_start_at_recall_zero_precision_one_and_follow_decreasing_thresholds()
    {
        var curve = PrecisionRecallCurve.Compute(MixedScores, MixedLabels);

        Assert.Equal(
            new[]
            {
                new PrecisionRecallPoint(1.0, 0.0, double.PositiveInfinity),
                new PrecisionRecallPoint(1.0, 0.5, 0.8),
                new PrecisionRecallPoint(0.5, 0.5, 0.4),
                new PrecisionRecallPoint(2.0 / 3.0, 1.0, 0.35),
                new PrecisionRecallPoint(0.5, 1.0, 0.1),
            },
            curve.Points);
    }

    [Fact]
    public void Average_precision_of_the_mixed_example()
    {
        // AP = sum (R_n - R_(n-1)) P_n = 0.5 * 1 + 0 * 0.5 + 0.5 * 2/3 + 0 * 0.5 = 5/6 (scikit-learn: 0.8333).
        Assert.Equal(5.0 / 6.0, PrecisionRecallCurve.Compute(MixedScores, MixedLabels).AveragePrecision, 12);
    }

    [Fact]
    public void Tied_scores_share_one_precision_recall_point()
    {
        var curve = PrecisionRecallCurve.Compute(TiedScores, TiedLabels);

        // At 0.9: 1 TP, 0 FP. At 0.5: 3 TP, 1 FP. At 0.2: 3 TP, 2 FP. Three abnormal cases in all.
        Assert.Equal(
            new[]
            {
                new PrecisionRecallPoint(1.0, 0.0, double.PositiveInfinity),
                new PrecisionRecallPoint(1.0, 1.0 / 3.0, 0.9),
                new PrecisionRecallPoint(0.75, 1.0, 0.5),
                new PrecisionRecallPoint(0.6, 1.0, 0.2),
            },
            curve.Points);
        // AP = 1/3 * 1 + 2/3 * 3/4 + 0 * 0.6 = 5/6.
        Assert.Equal(5.0 / 6.0, curve.AveragePrecision, 12);
    }

    [Fact]
    public void Perfect_separator_has_average_precision_one()
    {
        Assert.Equal(1.0, PrecisionRecallCurve.Compute(SeparatedScores, SeparatedLabels).AveragePrecision, 12);
    }

    [Fact]
    public void Inverted_scores_have_low_average_precision()
    {
        // Abnormal cases score 0.1 and 0.2, normal ones 0.8 and 0.9. Recall rises only at 0.2
        // (1 TP of 3 predicted: P = 1/3, R = 1/2) and at 0.1 (2 of 4: P = 1/2, R = 1).
        // AP = 1/2 * 1/3 + 1/2 * 1/2 = 5/12.
        Assert.Equal(5.0 / 12.0, PrecisionRecallCurve.Compute(SeparatedScores, InvertedLabels).AveragePrecision, 12);
    }

    [Fact]
    public void All_scores_tied_gives_the_prevalence()
    {
        Assert.Equal(0.25, PrecisionRecallCurve.Compute([0.7, 0.7, 0.7, 0.7], [false, true, false, false]).AveragePrecision, 12);
    }
}
