using SimSid.Torch.Network;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

public sealed class ArchitectureTests
{
    private static long Parameters(nn.Module module) => module.parameters().Sum(p => p.numel());

    [Theory]
    // zhang: the reference's 82,220,290 minus its unused 3x3 conv's 37,750,784.
    [InlineData("zhang", 44_469_506, 1_093_953)]
    // small: the reference's 5,136,322 minus its unused conv's 590,080.
    [InlineData("small", 4_546_242, 1_090_881)]
    public void ParameterCounts_MatchTheReferenceWithoutItsUnusedConv(string preset, long generator, long discriminator)
    {
        var options = SimSidPresets.Get(preset).Network;
        using var g = new SimSidGenerator(options);
        using var d = new Discriminator(options);
        Assert.Equal(generator, Parameters(g));
        Assert.Equal(discriminator, Parameters(d));
    }

    [Fact]
    public void LearnedInpaintingMemories_AreParameters_QueuesAreBuffers()
    {
        var zhang = SimSidPresets.Zhang.Network;
        using var withQueue = new SimSidGenerator(zhang);
        using var learned = new SimSidGenerator(SimSidPresets.CheXpert.Network);
        long memoryParameters = 4L * zhang.InpaintingSlots * zhang.InpaintingChannels;
        Assert.Equal(2048, zhang.InpaintingChannels);
        Assert.Equal(Parameters(withQueue) + memoryParameters, Parameters(learned));
        Assert.Contains("inpainting.memories.0.slots", withQueue.named_buffers().Select(b => b.name));
    }

    [Theory]
    [InlineData("zhang")]
    [InlineData("chexpert")]
    [InlineData("covidx")]
    [InlineData("small")]
    [InlineData("tiny")]
    public void EveryPreset_ReconstructsImagesOfItsSize(string preset)
    {
        using var scope = NewDisposeScope();
        var options = SimSidPresets.Get(preset).Network;
        using var g = new SimSidGenerator(options);
        using var d = new Discriminator(options);
        g.eval();
        d.eval();
        using var _ = no_grad();
        var images = rand(2, 1, options.ImageSize, options.ImageSize) * 2 - 1;

        var output = g.call(images);

        long s = options.ImageSize;
        Assert.Equal([2, 1, s, s], output.Reconstruction.shape);
        Assert.Equal([2, 1, s, s], output.TeacherReconstruction!.shape);
        Assert.Equal(0, output.DistillationLoss!.ndim);
        Assert.True(output.Reconstruction.abs().max().item<float>() <= 1f, "tanh output must lie in [-1, 1]");
        Assert.Equal([2, 1], d.call(output.Reconstruction).shape);
        Assert.Equal([2, 1], d.ForwardPerImage(images).shape);
    }

    [Fact]
    public void WithoutTeacher_OnlyTheReconstructionIsProduced()
    {
        using var scope = NewDisposeScope();
        var options = SimSidPresets.Tiny.Network with { TeacherDecoder = false };
        using var g = new SimSidGenerator(options);
        var output = g.call(zeros(1, 1, 32, 32));
        Assert.Equal([1, 1, 32, 32], output.Reconstruction.shape);
        Assert.Null(output.TeacherReconstruction);
        Assert.Null(output.DistillationLoss);
        Assert.DoesNotContain(g.state_dict().Keys, k => k.StartsWith("teacher."));
    }

    [Fact]
    public void Reconstruct_EqualsTheStudentOutputOfTheFullForward()
    {
        using var scope = NewDisposeScope();
        using var g = new SimSidGenerator(SimSidPresets.Tiny.Network);
        g.eval();
        using var _ = no_grad();
        var images = rand(3, 1, 32, 32);
        Assert.True(allclose(g.call(images).Reconstruction, g.Reconstruct(images), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void PerImageDiscriminator_DoesNotDependOnTheBatch_AndEqualsATrainingModeBatchOfOne()
    {
        using var scope = NewDisposeScope();
        using var d = new Discriminator(SimSidPresets.Tiny.Network);
        var images = rand(4, 1, 32, 32);
        using var _ = no_grad();
        var runningMeanBefore = d.state_dict()["norms.0.running_mean"].clone();

        var batched = d.ForwardPerImage(images);
        d.train();
        var oneByOne = cat(Enumerable.Range(0, 4).Select(i => d.call(images.narrow(0, i, 1))).ToList(), 0);

        Assert.True(allclose(batched, oneByOne, rtol: 1e-4, atol: 1e-5));
        Assert.False(allclose(batched, d.call(images), rtol: 1e-3, atol: 1e-4), "a batch of four must normalise differently");
        d.eval();
        Assert.False(allclose(batched, d.call(images), rtol: 1e-3, atol: 1e-4), "eval mode uses running statistics");
        Assert.NotEqual(runningMeanBefore.data<float>().ToArray(), d.state_dict()["norms.0.running_mean"].data<float>().ToArray());
    }
}
