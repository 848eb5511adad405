using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

public sealed class EvenlySpacedTests
{
    [Fact]
    public void ASampleOfFewerThanTheSet_IsSpreadThroughIt_FromTheFirst()
    {
        Assert.Equal([0L, 2, 5, 7], EvenlySpaced.Indices(10, 4));
        var sample = EvenlySpaced.Indices(5000, 2000);
        Assert.Equal(2000, sample.Length);
        Assert.Equal(0, sample[0]);
        Assert.All(sample.Zip(sample.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 2, 3));
    }

    [Fact]
    public void ASampleAsLargeAsTheSet_IsAllOfIt()
    {
        Assert.Equal([0L, 1, 2], EvenlySpaced.Indices(3, 5));
        Assert.Equal([0L, 1, 2], EvenlySpaced.Indices(3, 3));
        Assert.Empty(EvenlySpaced.Indices(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvenlySpaced.Indices(3, 0));
    }
}
