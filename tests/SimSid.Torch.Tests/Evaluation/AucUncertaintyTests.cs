using MathNet.Numerics.Distributions;
using SimSid.Torch.Evaluation;

namespace SimSid.Torch.Tests.Evaluation;

public sealed class AucUncertaintyTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(20, 50)]
    [InlineData(100, 100)]
    public void StandardError_MatchesTheSpreadOfAucsOverRepeatedSmallSamples(int abnormal, int normal)
    {
        // Abnormal scores one standard deviation above normal ones: a population AUC of Phi(1 / sqrt 2) = 0.760.
        var random = new Random(11);
        var aucs = Enumerable.Range(0, 3000).Select(_ =>
        {
            var scores = Enumerable.Range(0, normal).Select(_ => Normal.Sample(random, 0, 1))
                .Concat(Enumerable.Range(0, abnormal).Select(_ => Normal.Sample(random, 1, 1))).ToList();
            var labels = Enumerable.Range(0, normal + abnormal).Select(i => i >= normal).ToList();
            return RocCurve.Compute(scores, labels).Auc;
        }).ToList();
        double mean = aucs.Average(), spread = Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / (aucs.Count - 1));

        Assert.Equal(Normal.CDF(0, 1, 1 / Math.Sqrt(2)), mean, 2);
        double error = AucUncertainty.StandardError(mean, abnormal, normal);
        // The formula assumes exponential scores; for normal ones it overstates the spread a little when the classes differ in size.
        Assert.InRange(error / spread, 0.9, 1.2);
    }

    [Fact]
    public void StandardError_ShrinksWithMoreImages_VanishesAtPerfectSeparation_AndNeedsBothClasses()
    {
        Assert.True(AucUncertainty.StandardError(0.8, 8, 8) > 2 * AucUncertainty.StandardError(0.8, 40, 40));
        Assert.Equal(0, AucUncertainty.StandardError(1.0, 8, 8), 12);
        Assert.Contains("both classes", Assert.Throws<ArgumentException>(() => AucUncertainty.StandardError(0.8, 0, 8)).Message);
        Assert.Throws<ArgumentException>(() => AucUncertainty.StandardError(double.NaN, 8, 8));
    }

    [Fact]
    public void UncertainChoiceWarning_NamesTheRivalsWithinOneStandardError_OnlyWhenTheSplitIsSmall()
    {
        var aucs = new Dictionary<ScoringMode, double>
        {
            [ScoringMode.Paper] = 0.74,
            [ScoringMode.ReconstructionError] = 0.55,
            [ScoringMode.FeatureMemory] = 0.80,
        };

        var warning = ScoringModes.UncertainChoiceWarning(aucs, ScoringMode.FeatureMemory, abnormal: 8, normal: 8);

        Assert.NotNull(warning);
        Assert.Contains("8 normal and 8 abnormal", warning);
        Assert.Contains($"±{AucUncertainty.StandardError(0.80, 8, 8):F2}", warning);
        Assert.Contains("paper 0.740", warning);
        Assert.DoesNotContain("reconstruction", warning);
        Assert.Null(ScoringModes.UncertainChoiceWarning(aucs, ScoringMode.FeatureMemory, abnormal: 100, normal: 100));
    }
}
