using SimSid.Torch.Network;
using SimSid.Torch.Persistence;
using SimSid.Torch.Tests.Support;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

// Scoring (eval mode, no gradients) runs each residual block with its normalisations folded into its convolutions.
public sealed class FoldedScoringTests
{
    [Theory]
    [InlineData(16, 32, 1)]
    [InlineData(32, 64, 2)]
    [InlineData(8, 8, 1)] // the tiny preset's counts, convolved with channels added (ChannelSafeConvolution)
    public void ScoringABlock_GivesWhatItsNormalisationsGiveInEvalMode(int inChannels, int outChannels, int stride)
    {
        using var block = NormalisedBlocks.WithRunningStatistics(inChannels, outChannels, stride, seed: 1);
        using var input = randn([2, inChannels, 16, 16], generator: new Generator(2));

        using var unfolded = block.call(input); // eval mode with gradients: the normalisations as they are
        using var folded = Scored(block, input);

        Assert.Equal(unfolded.shape, folded.shape);
        Assert.True(TensorDifference.Relative(folded, unfolded) < 1e-5, $"relative difference {TensorDifference.Relative(folded, unfolded):G3}");
    }

    [Fact]
    public void TheFoldedWeights_AreKeptFromOneScoringPassToTheNext_AndFoldedAgainAfterTraining()
    {
        using var block = NormalisedBlocks.WithRunningStatistics(16, 16, 1, seed: 3);
        using var input = randn([2, 16, 8, 8], generator: new Generator(4));
        using var before = Scored(block, input);
        var kept = block.FoldedForScoring();
        Assert.Same(kept, block.FoldedForScoring());

        // A training step: batch statistics move the running ones, and the weights change in place.
        block.train();
        using (var scope = NewDisposeScope())
        {
            block.call(input * 3).sum().backward();
            using var _ = no_grad();
            foreach (var p in block.parameters()) p.sub_(p.grad! * 0.1);
        }
        block.eval();

        using var after = Scored(block, input);
        using var expected = block.call(input);
        Assert.NotSame(kept, block.FoldedForScoring());
        Assert.True(TensorDifference.Relative(after, expected) < 1e-5, $"relative difference {TensorDifference.Relative(after, expected):G3}");
        Assert.True(TensorDifference.Relative(after, before) > 1e-2, "the training step changed nothing");
    }

    [Fact]
    public void WeightsLoadedInPlace_AreTheOnesTheNextScoringPassUses()
    {
        using var block = NormalisedBlocks.WithRunningStatistics(16, 16, 1, seed: 5);
        using var other = NormalisedBlocks.WithRunningStatistics(16, 16, 1, seed: 6);
        using var input = randn([2, 16, 8, 8], generator: new Generator(7));
        Scored(block, input).Dispose();

        ModelFile.LoadModule(block, ModelFile.ModuleBytes(other), "test", "block");

        using var loaded = Scored(block, input);
        using var expected = Scored(other, input);
        Assert.True(TensorDifference.Relative(loaded, expected) < 1e-6, $"relative difference {TensorDifference.Relative(loaded, expected):G3}");
    }

    [Fact]
    public void ABlockWhoseParametersWereReplaced_FoldsTheNewOnes()
    {
        using var block = NormalisedBlocks.WithRunningStatistics(16, 16, 1, seed: 8);
        using var input = randn([2, 16, 8, 8], generator: new Generator(9));
        Scored(block, input).Dispose();

        block.to(ScalarType.Float64); // replaces every parameter and buffer
        using var input64 = input.to(ScalarType.Float64);
        using var scored = Scored(block, input64);
        using var expected = block.call(input64);

        Assert.Equal(ScalarType.Float64, scored.dtype);
        Assert.True(TensorDifference.Relative(scored, expected) < 1e-12, $"relative difference {TensorDifference.Relative(scored, expected):G3}");
    }

    [Theory]
    [InlineData("small")]
    [InlineData("tiny")]
    public void AGeneratorsScoringPass_ReconstructsWhatItsEvalModeGivesWithGradients(string preset)
    {
        var options = SimSidPresets.Get(preset).Network;
        using var generator = new SimSidGenerator(options);
        PerturbNormalisations(generator, seed: 11);
        generator.eval();
        using var images = rand([2, 1, options.ImageSize, options.ImageSize], generator: new Generator(12)) * 2 - 1;

        using var expected = generator.Reconstruct(images); // gradients on: every operation as training computes it
        using var scored = Scored(generator, images);

        Assert.True(TensorDifference.Relative(scored, expected) < 1e-5, $"relative difference {TensorDifference.Relative(scored, expected):G3}");
    }

    [Fact]
    public void AGeneratorScoredFromSeveralThreadsAtOnce_GivesEachTheSerialReconstruction()
    {
        using var generator = new SimSidGenerator(SimSidPresets.Tiny.Network);
        generator.eval();
        using var images = rand([2, 1, 32, 32], generator: new Generator(10)) * 2 - 1;
        using var serial = new SimSidGenerator(SimSidPresets.Tiny.Network);
        serial.load_state_dict(generator.state_dict());
        serial.eval();
        Tensor expected;
        using (no_grad()) expected = serial.Reconstruct(images);

        // The first passes fold the weights, all of them at the same time.
        ConcurrentScoring.AssertEachGets(expected, () => generator.Reconstruct(images));
        expected.Dispose();
    }

    // Normalisations whose running statistics and affine parameters are away from their initial values.
    private static void PerturbNormalisations(nn.Module network, int seed)
    {
        var random = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var norm in network.modules().OfType<BatchNorm>())
        {
            norm.weight!.copy_(randn(norm.weight.shape, generator: random) * 0.2 + 1);
            norm.bias!.copy_(randn(norm.bias.shape, generator: random) * 0.2);
            norm.running_mean!.copy_(randn(norm.running_mean.shape, generator: random) * 0.3);
            norm.running_var!.copy_(rand(norm.running_var.shape, generator: random) + 0.5);
        }
    }

    private static Tensor Scored(ResidualConvBlock block, Tensor input)
    {
        using var _ = no_grad();
        return block.call(input);
    }

    private static Tensor Scored(SimSidGenerator generator, Tensor images)
    {
        using var _ = no_grad();
        return generator.Reconstruct(images);
    }
}
