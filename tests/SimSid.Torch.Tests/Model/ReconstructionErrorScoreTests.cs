using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Model;

public sealed class ReconstructionErrorScoreTests
{
    private static float[] Compute(Tensor images, Tensor reconstructions)
    {
        using var scores = ReconstructionErrorScore.Compute(images, reconstructions);
        return scores.data<float>().ToArray();
    }

    [Fact]
    public void PerfectReconstruction_ScoresZero_AndUniformErrorScoresItsSquare()
    {
        using var images = full(2, 1, 64, 64, 0.3f);
        using var offset = full(2, 1, 64, 64, 0.1f);

        Assert.Equal([0f, 0f], Compute(images, images));
        var uniform = Compute(images, offset);
        Assert.Equal(2, uniform.Length);
        Assert.All(uniform, v => Assert.Equal(0.04f, v, 1e-6f));
    }

    [Fact]
    public void ASmallLesion_OutscoresTheSameErrorSpreadOverTheImage()
    {
        using var reconstruction = zeros(1, 1, 64, 64);
        using var lesion = zeros(1, 1, 64, 64);
        lesion[.., .., 30..36, 20..26] = tensor(1f);
        // Same total squared error (36 pixels x 1) spread evenly over all 4096 pixels.
        using var spread = full(1, 1, 64, 64, MathF.Sqrt(36f / 4096f));

        float local = Compute(lesion, reconstruction)[0], diffuse = Compute(spread, reconstruction)[0];

        Assert.Equal(36f / 4096f, diffuse, 1e-6f);
        Assert.True(local > 20 * diffuse, $"lesion {local}, spread {diffuse}");
        Assert.True(local < 1f, "the lesion's error map is smoothed, so its peak is below the raw squared error");
    }

    [Fact]
    public void EachImageIsScoredOnItsOwn()
    {
        var generator = new TorchSharp.torch.Generator(7);
        using var images = rand(3, 1, 32, 32, generator: generator);
        using var reconstructions = rand(3, 1, 32, 32, generator: generator);

        var together = Compute(images, reconstructions);
        var alone = Enumerable.Range(0, 3).Select(i => Compute(images[i..(i + 1)], reconstructions[i..(i + 1)])[0]).ToArray();

        for (int i = 0; i < 3; i++) Assert.Equal(alone[i], together[i], 1e-6f);
        Assert.Equal(3, together.Distinct().Count());
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    public void AnImageAlone_GetsExactlyTheMapItGetsBesideAnother(int size)
    {
        // A single map once went through another convolution kernel than a batch (last-bit differences, and a
        // warning logged per call on processors that NNPACK does not support). Compared with batches of two, which
        // every processor convolves with the same kernel whatever the other image.
        var generator = new TorchSharp.torch.Generator(11);
        using var images = rand(4, 1, size, size, generator: generator);
        using var reconstructions = rand(4, 1, size, size, generator: generator);

        for (int i = 0; i < 4; i += 2)
        {
            using var pair = ReconstructionErrorScore.Map(images[i..(i + 2)], reconstructions[i..(i + 2)]);
            for (int j = i; j < i + 2; j++)
            {
                using var alone = ReconstructionErrorScore.Map(images[j..(j + 1)], reconstructions[j..(j + 1)]);
                Assert.Equal(new long[] { 1, 1, size, size }, alone.shape);
                Assert.Equal(pair[(j - i)..(j - i + 1)].data<float>().ToArray(), alone.data<float>().ToArray());
            }
        }
    }
}
