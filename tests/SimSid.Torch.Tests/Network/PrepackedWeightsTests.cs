using SimSid.Torch.Network;
using SimSid.Torch.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

// Scoring convolutions with large weights and few output places convert their weights to oneDNN's layout once.
public sealed class PrepackedWeightsTests
{
    private static readonly long[] One = [1, 1];

    [Theory]
    [InlineData(4, 256, 256, 2, 3, 1)] // small's last encoder block, one image
    [InlineData(4, 128, 256, 4, 3, 2)]
    [InlineData(1, 128, 256, 4, 5, 2)]
    public void ConvolvingWithWeightsConvertedOnce_GivesLibTorchsConvolution_AtEveryBatchSize(int batch, int inChannels, int outChannels, int size, int kernel, int stride)
    {
        var random = new Generator(21);
        using var weight = randn([outChannels, inChannels, kernel, kernel], generator: random) * 0.05;
        using var bias = randn([outChannels], generator: random);
        long[] strides = [stride, stride], padding = [kernel / 2, kernel / 2];
        using var input = randn([batch, inChannels, size, size], generator: random);
        using var _ = no_grad();

        using var converted = PrepackedWeights.Pack(input, weight, bias, strides, padding);

        Assert.NotNull(converted); // libtorch on Linux x64 has oneDNN
        foreach (var images in new long[] { batch, 1, 2 * batch + 1 })
        {
            using var scope = NewDisposeScope();
            var x = randn([images, inChannels, size, size], generator: random);
            var expected = nn.functional.conv2d(x, weight, bias, strides: strides, padding: padding);
            var channelsLast = ScoringPass.ChannelsLast(x);
            foreach (var given in new[] { x, channelsLast })
            {
                var actual = converted!.Apply(given);
                Assert.Equal(expected.shape, actual.shape);
                Assert.True(TensorDifference.Relative(actual, expected) < 1e-5, $"{images} images: relative difference {TensorDifference.Relative(actual, expected):G3}");
            }
        }
    }

    [Fact]
    public void OnlyConvolutionsWithFewOutputPlacesAndManyWeights_ConvertTheirWeights_WhereTheAvx512KernelsRun()
    {
        using var _ = no_grad();
        bool Suits(long[] input, long[] weight, long stride = 1, long dilation = 1, ScalarType type = ScalarType.Float32)
        {
            using var x = zeros(input, type);
            using var w = zeros(weight, type);
            return PrepackedWeights.Suits(x, w, [stride, stride], [weight[2] / 2, weight[2] / 2], [dilation, dilation]);
        }

        Assert.Equal(NativeKernels.RunsAvx512Kernels, Suits([4, 256, 2, 2], [256, 256, 3, 3])); // 16 places, 589,824 weights
        Assert.Equal(NativeKernels.RunsAvx512Kernels, Suits([4, 192, 8, 8], [64, 192, 3, 3])); // 256 places, 110,592 weights
        Assert.False(Suits([1, 256, 32, 32], [256, 256, 3, 3])); // 1,024 places
        Assert.False(Suits([4, 64, 4, 4], [64, 64, 3, 3])); // 36,864 weights
        Assert.False(Suits([4, 256, 4, 4], [256, 256, 3, 3], dilation: 2));
        Assert.False(Suits([4, 256, 2, 2], [256, 256, 3, 3], type: ScalarType.Float64));
    }

    [Fact]
    public void ABlockScoringFewPlaces_ConvertsItsFoldedWeightsWhereTheAvx512KernelsRun_AndConvertsTheNewOnesAfterTheyChange()
    {
        using var block = NormalisedBlocks.WithRunningStatistics(256, 256, 1, seed: 22, weightScale: 0.05);
        using var input = randn([4, 256, 2, 2], generator: new Generator(23));

        AssertScoresAsInEvalMode(block, input);
        Assert.Equal(NativeKernels.RunsAvx512Kernels, block.FoldedForScoring()[0].UsesPrepackedWeights(input));

        using (no_grad()) foreach (var p in block.parameters()) p.mul_(-1.5);
        block.ForgetFoldedWeights();

        AssertScoresAsInEvalMode(block, input);
    }

    [Fact]
    public void ABlockFirstScoredFromSeveralThreadsAtOnce_GivesEachTheSerialResult_WithTheWeightsItConverted()
    {
        using var block = NormalisedBlocks.WithRunningStatistics(256, 256, 1, seed: 24, weightScale: 0.05);
        using var input = randn([4, 256, 2, 2], generator: new Generator(25));
        Tensor expected;
        using (no_grad()) expected = block.call(input);
        block.ForgetFoldedWeights();

        ConcurrentScoring.AssertEachGets(expected, () => block.call(input)); // every thread folds and converts at once
        Assert.Equal(NativeKernels.RunsAvx512Kernels, block.FoldedForScoring()[0].UsesPrepackedWeights(input));
        expected.Dispose();
    }

    private static void AssertScoresAsInEvalMode(ResidualConvBlock block, Tensor input)
    {
        using var expected = block.call(input); // eval mode with gradients: no folding, no conversion
        Tensor scored;
        using (no_grad()) scored = block.call(input);
        Assert.True(TensorDifference.Relative(scored, expected) < 1e-5, $"relative difference {TensorDifference.Relative(scored, expected):G3}");
        scored.Dispose();
    }
}
