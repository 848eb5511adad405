using SimSid.Torch.Network;
using SimSid.Torch.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

// Scoring convolutions with large weights and few output places convert their weights to oneDNN's layout once.
public sealed class PrepackedConvolutionTests
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

        using var converted = new PrepackedConvolution(weight, bias, strides, padding);

        Assert.True(converted.Applies(input)); // libtorch on Linux x64 has oneDNN, whatever kernels it runs
        foreach (var images in new long[] { batch, 1, 2 * batch + 1 })
        {
            using var scope = NewDisposeScope();
            var x = randn([images, inChannels, size, size], generator: random);
            var expected = nn.functional.conv2d(x, weight, bias, strides: strides, padding: padding);
            foreach (var given in new[] { x, ScoringPass.ChannelsLast(x) })
            {
                Assert.True(converted.Applies(given));
                var actual = converted.Apply(given);
                Assert.Equal(expected.shape, actual.shape);
                Assert.True(TensorDifference.Relative(actual, expected) < 1e-5, $"{images} images: relative difference {TensorDifference.Relative(actual, expected):G3}");
            }
        }
    }

    [Fact]
    public void OnlyLargeWeights_AreWorthConverting_WhereTheAvx512KernelsRun()
    {
        bool Worthwhile(long[] weight, long stride = 1, long dilation = 1, ScalarType type = ScalarType.Float32)
        {
            using var w = zeros(weight, type);
            return PrepackedConvolution.Worthwhile(w, [stride, stride], [weight[2] / 2, weight[2] / 2], [dilation, dilation]);
        }

        Assert.Equal(NativeKernels.RunsAvx512Kernels, Worthwhile([256, 256, 3, 3])); // 589,824 weights
        Assert.Equal(NativeKernels.RunsAvx512Kernels, Worthwhile([64, 192, 3, 3], stride: 2)); // 110,592
        Assert.False(Worthwhile([64, 64, 3, 3])); // 36,864
        Assert.False(Worthwhile([256, 256, 3, 3], dilation: 2));
        Assert.False(Worthwhile([256, 256, 3, 3], type: ScalarType.Float64));
        Assert.False(Worthwhile([250, 256, 3, 3])); // output channels computed with channels added (ChannelSafeConvolution)
    }

    [Fact]
    public void OnlyConvolutionsWithFewOutputPlaces_UseTheConvertedWeights()
    {
        using var weight = randn([256, 256, 3, 3], generator: new Generator(26));
        using var bias = zeros(256);
        using var converted = new PrepackedConvolution(weight, bias, One, One);
        using var fewPlaces = zeros(4, 256, 8, 8); // 256 output places
        using var manyPlaces = zeros(1, 256, 32, 32); // 1,024

        Assert.True(converted.Applies(fewPlaces));
        Assert.False(converted.Applies(manyPlaces));
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
