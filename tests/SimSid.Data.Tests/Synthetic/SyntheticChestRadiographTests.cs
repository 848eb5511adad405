using SimSid.Data.Imaging;
using SimSid.Data.Synthetic;

namespace SimSid.Data.Tests.Synthetic;

public sealed class SyntheticChestRadiographTests
{
    public static TheoryData<SyntheticFinding> Findings() =>
    [
        SyntheticFinding.Consolidation, SyntheticFinding.Nodule, SyntheticFinding.PleuralEffusion,
        SyntheticFinding.Cardiomegaly, SyntheticFinding.Pneumothorax,
    ];

    [Fact]
    public void SameSeedGivesIdenticalBytesAndOtherSeedsDiffer()
    {
        byte[] first = GrayscalePng.Encode(SyntheticChestRadiograph.Render(42, SyntheticFinding.Nodule, 2, 96));
        byte[] again = GrayscalePng.Encode(SyntheticChestRadiograph.Render(42, SyntheticFinding.Nodule, 2, 96));
        byte[] other = GrayscalePng.Encode(SyntheticChestRadiograph.Render(43, SyntheticFinding.Nodule, 2, 96));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(7UL)]
    [InlineData(123UL)]
    [InlineData(2024UL)]
    public void LooksLikeAChestFilm(ulong seed)
    {
        var image = SyntheticChestRadiograph.Render(seed, SyntheticFinding.None, 0, 128);

        // Air outside the body is dark; the lung fields are darker than the mediastinum and the abdomen.
        double corner = Mean(image, 0, 0, 5, 5);
        double rightLung = Mean(image, 32, 50, 40, 58);
        double leftLung = Mean(image, 88, 50, 96, 58);
        double mediastinum = Mean(image, 60, 30, 68, 40);
        double abdomen = Mean(image, 40, 120, 88, 127);
        Assert.True(corner < 0.15, $"corner {corner:F2}");
        Assert.True(Math.Max(rightLung, leftLung) < mediastinum - 0.15, $"lungs {rightLung:F2}, {leftLung:F2}; mediastinum {mediastinum:F2}");
        Assert.True(Math.Max(rightLung, leftLung) < abdomen - 0.15, $"lungs {rightLung:F2}, {leftLung:F2}; abdomen {abdomen:F2}");
        Assert.All(image.Pixels, v => Assert.InRange(v, 0f, 1f));
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void FindingIsLocalVisibleStructureOnTheSamePatient(SyntheticFinding finding)
    {
        const int size = 128;
        double[] changedArea = new double[4];
        for (int severity = 1; severity <= 3; severity++)
        {
            for (ulong seed = 1; seed <= 4; seed++)
            {
                var normal = SyntheticChestRadiograph.Render(seed, SyntheticFinding.None, 0, size).Pixels;
                var abnormal = SyntheticChestRadiograph.Render(seed, finding, severity, size).Pixels;
                var difference = normal.Zip(abnormal, (a, b) => Math.Abs(a - b)).ToArray();
                changedArea[severity] += difference.Count(d => d > 0.02) / (double)difference.Length / 4;
                if (severity == 3)
                {
                    Assert.True(difference.Max() > 0.15, $"{finding} on seed {seed} changes no pixel by more than {difference.Max():F3}");
                }
            }
        }

        Assert.True(changedArea[3] < 0.08, $"{finding} changes {changedArea[3]:P1} of the image: it should be local");
        Assert.True(changedArea[1] < changedArea[3], $"{finding}: severity 1 changes {changedArea[1]:P2}, severity 3 {changedArea[3]:P2}");
    }

    [Fact]
    public void MildestNodulesNeedTheHigherResolution()
    {
        double peak64 = 0;
        double peak128 = 0;
        for (ulong seed = 1; seed <= 6; seed++)
        {
            var normal = SyntheticChestRadiograph.Render(seed, SyntheticFinding.None, 0, 256);
            var nodule = SyntheticChestRadiograph.Render(seed, SyntheticFinding.Nodule, 1, 256);
            peak64 += PeakDifference(normal, nodule, 64) / 6;
            peak128 += PeakDifference(normal, nodule, 128) / 6;
        }

        Assert.True(peak64 < 0.6 * peak128, $"mild nodule contrast at 64 px {peak64:F3}, at 128 px {peak128:F3}");
    }

    [Fact]
    public void RejectsInvalidSeverityAndSize()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticChestRadiograph.Render(1, SyntheticFinding.Nodule, 0, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticChestRadiograph.Render(1, SyntheticFinding.Nodule, 4, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticChestRadiograph.Render(1, SyntheticFinding.None, 0, 8));
    }

    private static double PeakDifference(GrayscaleImage a, GrayscaleImage b, int size) =>
        BicubicResampler.Resize(a, size, size).Pixels.Zip(BicubicResampler.Resize(b, size, size).Pixels, (x, y) => Math.Abs(x - y)).Max();

    private static double Mean(GrayscaleImage image, int x0, int y0, int x1, int y1)
    {
        double sum = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                sum += image[x, y];
            }
        }

        return sum / ((x1 - x0) * (y1 - y0));
    }
}
