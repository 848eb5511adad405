using SimSid.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Training;

public sealed class RandomAffineTests
{
    [Fact]
    public void Apply_ResamplesEachImageNearestNeighbour_AndLeavesOnlyItsResultForTheCallerToDispose()
    {
        const int count = 3, pixels = 16 * 16;
        manual_seed(4);
        using var images = rand(count, 1, 16, 16) * 2 - 1;
        var inputs = images.data<float>().ToArray().Chunk(pixels).ToArray();
        var stats = DisposeScopeManager.Statistics;
        long before = stats.ThreadTotalLiveCount;

        float[][] outputs;
        using (var augmented = RandomAffine.Apply(images, translate: 0.2, scaleMin: 0.5, scaleMax: 0.6))
        {
            Assert.Equal([count, 1L, 16, 16], augmented.shape);
            outputs = augmented.data<float>().ToArray().Chunk(pixels).ToArray();
        }

        Assert.Equal(before, stats.ThreadTotalLiveCount);
        // Nearest-neighbour sampling copies pixels of the same image; shrunk to about half, the image
        // leaves a black (-1) border.
        for (int i = 0; i < count; i++)
        {
            var own = inputs[i].Append(-1f).ToHashSet();
            Assert.All(outputs[i], v => Assert.Contains(v, own));
            Assert.InRange(outputs[i].Count(v => v == -1f), pixels / 2, pixels * 4 / 5);
        }
    }
}
