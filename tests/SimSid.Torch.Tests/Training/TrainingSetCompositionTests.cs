using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

public sealed class TrainingSetCompositionTests
{
    /// <summary>Labels of <paramref name="normals"/> normal and <paramref name="abnormals"/> abnormal images, the abnormal ones every third place.</summary>
    private static List<bool> Interleaved(int normals, int abnormals)
    {
        var labels = new List<bool>();
        while (normals + abnormals > 0)
        {
            bool abnormal = abnormals > 0 && (normals == 0 || labels.Count % 3 == 2);
            labels.Add(abnormal);
            if (abnormal) abnormals--; else normals--;
        }
        return labels;
    }

    [Theory]
    [InlineData(1341, 0.9, 1206)]
    [InlineData(1341, 0.7, 938)]
    [InlineData(10, 1.0, 10)]
    [InlineData(3, 0.5, 1)]
    public void TakesTheFirstFloorOfNTimesRatioNormalsThenAbnormalsUpToN(int normals, double ratio, int expectedNormals)
    {
        var labels = Interleaved(normals, 2000);
        var normalPositions = Enumerable.Range(0, labels.Count).Where(i => !labels[i]).ToList();
        var abnormalPositions = Enumerable.Range(0, labels.Count).Where(i => labels[i]).ToList();

        var set = TrainingSetComposition.Of(labels, ratio);

        Assert.Equal(normals, set.Count);
        Assert.Equal((expectedNormals, normals - expectedNormals), (set.Normals, set.Abnormals));
        Assert.Equal(normalPositions.Take(expectedNormals).Concat(abnormalPositions.Take(normals - expectedNormals)), set.Indices);
        Assert.Equal((normals - expectedNormals, 2000 - (normals - expectedNormals)), (set.NormalsLeftOut, set.AbnormalsLeftOut));
    }

    [Fact]
    public void Take_GivesTheItemsAtTheIndicesInTrainingSetOrder()
    {
        bool[] labels = [true, false, false, true, false, false];
        string[] names = ["a0", "n0", "n1", "a1", "n2", "n3"];

        var set = TrainingSetComposition.Of(labels, 0.5);

        Assert.Equal(["n0", "n1", "a0", "a1"], set.Take(names));
        var error = Assert.Throws<ArgumentException>(() => set.Take(names[..5]));
        Assert.Contains("The composition was made for 6 labelled images, but 5 are given.", error.Message);
    }

    [Fact]
    public void RatioOfOne_LeavesEveryAbnormalImageOut()
    {
        var set = TrainingSetComposition.Of([false, true, false, true, true], 1.0);

        Assert.Equal([0, 2], set.Indices);
        Assert.Equal((2, 0, 0, 3), (set.Normals, set.Abnormals, set.NormalsLeftOut, set.AbnormalsLeftOut));
    }

    [Fact]
    public void TooFewAbnormalsIsReported()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingSetComposition.Of(Interleaved(100, 5), 0.9));

        Assert.Contains("A positive ratio of 0.9 with 100 normal training images needs 10 abnormal training images, but only 5 are given.", error.Message);
        Assert.Contains("raise the positive ratio", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void RatioOutsideZeroToOneIsRefused(double ratio)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingSetComposition.Of([false, false, false, false], ratio));
        Assert.Equal("positiveRatio", error.ParamName);
    }
}
