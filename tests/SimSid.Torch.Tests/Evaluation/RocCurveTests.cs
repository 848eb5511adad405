using SimSid.Torch.Evaluation;
using static SimSid.Torch.Tests.Evaluation.EvaluationExamples;

namespace SimSid.Torch.Tests.Evaluation;

public class RocCurveTests
{
    [Fact]
    public void Points_follow_roc_curve_order_with_infinity_first()
    {
        var roc = RocCurve.Compute(MixedScores, MixedLabels);

        // Thresholds +inf, 0.8, 0.4, 0.35, 0.1 predict abnormal for {}, {0.8}, {0.8, 0.4}, {.., 0.35}, all.
        Assert.Equal(
            new[]
            {
                new RocPoint(0.0, 0.0, double.PositiveInfinity),
                new RocPoint(0.0, 0.5, 0.8),
                new RocPoint(0.5, 0.5, 0.4),
                new RocPoint(0.5, 1.0, 0.35),
                new RocPoint(1.0, 1.0, 0.1),
            },
            roc.Points);
    }

    [Fact]
    public void Auc_of_the_mixed_example_is_three_quarters()
    {
        // Pairs (abnormal, normal): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4 ordered correctly.
        Assert.Equal(0.75, RocCurve.Compute(MixedScores, MixedLabels).Auc, 12);
    }

    [Fact]
    public void Tied_scores_form_one_point_and_count_one_half_in_the_auc()
    {
        var roc = RocCurve.Compute(TiedScores, TiedLabels);

        Assert.Equal(
            new[]
            {
                new RocPoint(0.0, 0.0, double.PositiveInfinity),
                new RocPoint(0.0, 1.0 / 3.0, 0.9),
                new RocPoint(0.5, 1.0, 0.5),
                new RocPoint(1.0, 1.0, 0.2),
            },
            roc.Points);
        // 6 (abnormal, normal) pairs: 0.9 beats both normals (2); each abnormal 0.5 beats 0.2 and ties
        // with the normal 0.5 (2 x 1.5 = 3). AUC = 5/6. Trapezoids: 0.5 * (1/3 + 1) / 2 + 0.5 * 1 = 5/6.
        Assert.Equal(5.0 / 6.0, roc.Auc, 12);
    }

    [Fact]
    public void Perfect_separator_has_auc_one_and_inverted_scores_auc_zero()
    {
        Assert.Equal(1.0, RocCurve.Compute(SeparatedScores, SeparatedLabels).Auc, 12);
        Assert.Equal(0.0, RocCurve.Compute(SeparatedScores, InvertedLabels).Auc, 12);
    }

    [Fact]
    public void All_scores_tied_gives_the_chance_diagonal()
    {
        var roc = RocCurve.Compute([0.3, 0.3, 0.3], [true, false, false]);

        Assert.Equal(
            new[] { new RocPoint(0, 0, double.PositiveInfinity), new RocPoint(1, 1, 0.3) },
            roc.Points);
        Assert.Equal(0.5, roc.Auc, 12);
    }

    [Fact]
    public void Auc_equals_the_mann_whitney_probability_on_random_tied_scores()
    {
        var random = new Random(1234);
        for (var trial = 0; trial < 20; trial++)
        {
            var count = random.Next(2, 60);
            // One decimal place: many ties.
            var scores = Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
            var labels = Enumerable.Range(0, count).Select(_ => random.Next(2) == 1).ToArray();
            labels[0] = true;
            labels[1] = false;

            double wins = 0;
            var pairs = 0;
            for (var p = 0; p < count; p++)
            {
                for (var n = 0; n < count; n++)
                {
                    if (!labels[p] || labels[n]) continue;
                    pairs++;
                    wins += scores[p] > scores[n] ? 1.0 : scores[p] == scores[n] ? 0.5 : 0.0;
                }
            }

            Assert.Equal(wins / pairs, RocCurve.Compute(scores, labels).Auc, 12);
        }
    }
}
