using SimSid.Data.Imaging;
using SimSid.Data.Synthetic;
using SimSid.Data.Tests.Support;

namespace SimSid.Data.Tests.Synthetic;

/// <summary>
/// The synthetic set must be neither trivial nor impossible: a global pixel-PCA model and the
/// mean intensity must not solve it. Uses a reduced copy of the default split (same seed and
/// finding mix), written at the default 256 px and read at 64 px as training would.
/// </summary>
public sealed class PcaBaselineDifficultyTests
{
    private const int Size = 64;
    private static readonly Lazy<(float[][] Train, float[][] Test, bool[] Abnormal)> Data = new(Render);

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public void PixelPcaReconstructionErrorDoesNotExceedPointEight(int components)
    {
        var (train, test, abnormal) = Data.Value;
        var pca = PcaBaseline.Fit(train, components);

        double auc = RocAuc.Compute(test.Select(pca.Score).ToArray(), abnormal);

        Assert.True(auc <= 0.8, $"pixel-PCA ({components} components) reaches ROC-AUC {auc:F3}: the synthetic findings are too easy");
    }

    [Fact]
    public void MeanIntensityIsAWeakScore()
    {
        var (_, test, abnormal) = Data.Value;

        double auc = RocAuc.Compute(test.Select(t => (double)t.Average()).ToArray(), abnormal);

        Assert.True(auc is >= 0.35 and <= 0.65, $"mean intensity reaches ROC-AUC {auc:F3}: findings show in global brightness");
    }

    private static (float[][] Train, float[][] Test, bool[] Abnormal) Render()
    {
        var cases = SyntheticDatasetPlan.Cases(new SyntheticDatasetOptions { TrainNormal = 300, TestNormal = 100, TestAbnormal = 100 });
        var train = cases.Where(c => c.Split == "train").ToArray();
        var test = cases.Where(c => c.Split == "test").ToArray();
        float[] Load(SyntheticCase c) =>
            BicubicResampler.Resize(SyntheticChestRadiograph.Render(c.Seed, c.Finding, c.Severity, 256), Size, Size).Pixels;
        var trainImages = new float[train.Length][];
        var testImages = new float[test.Length][];
        Parallel.For(0, train.Length, i => trainImages[i] = Load(train[i]));
        Parallel.For(0, test.Length, i => testImages[i] = Load(test[i]));
        return (trainImages, testImages, test.Select(c => c.IsAbnormal).ToArray());
    }
}
