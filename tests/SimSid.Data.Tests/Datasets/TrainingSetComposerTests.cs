using SimSid.Data.Datasets;

namespace SimSid.Data.Tests.Datasets;

public sealed class TrainingSetComposerTests
{
    private static List<RadiographRecord> Records(string prefix, int count, bool abnormal) =>
        Enumerable.Range(0, count).Select(i => new RadiographRecord($"{prefix}{i}", abnormal)).ToList();

    [Theory]
    [InlineData(1341, 0.9, 1206)]
    [InlineData(1341, 0.7, 938)]
    [InlineData(10, 1.0, 10)]
    [InlineData(3, 0.5, 1)]
    public void TakesTheFirstFloorOfNTimesRatioNormalsThenAbnormalsUpToN(int normals, double ratio, int expectedNormals)
    {
        var set = TrainingSetComposer.Compose(Records("n", normals, false), Records("a", 2000, true), ratio);

        Assert.Equal(normals, set.Count);
        Assert.Equal(expectedNormals, set.Count(r => !r.IsAbnormal));
        Assert.Equal("n0", set[0].Path);
        Assert.Equal($"n{expectedNormals - 1}", set[expectedNormals - 1].Path);
        if (expectedNormals < normals)
        {
            Assert.Equal("a0", set[expectedNormals].Path);
        }
    }

    [Fact]
    public void TooFewAbnormalsIsReported()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            TrainingSetComposer.Compose(Records("n", 100, false), Records("a", 5, true), 0.9));

        Assert.Contains("needs 10 abnormal training images, but only 5 are available", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void RatioOutsideZeroToOneIsRefused(double ratio)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingSetComposer.Compose(Records("n", 4, false), [], ratio));
    }
}
