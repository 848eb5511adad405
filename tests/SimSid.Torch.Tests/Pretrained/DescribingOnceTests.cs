using SimSid.Torch.Pretrained;
using SimSid.Torch.Tests.Support;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Pretrained;

/// <summary>
/// Images described once for every memory that reads them: one pass of the pretrained network gives both of its
/// stages, and the remembered images' stored descriptors calibrate without describing them again; nothing changes.
/// </summary>
public sealed class DescribingOnceTests
{
    private static Tensor Images(int count, int seed)
    {
        var (images, _) = Phantoms.Set(seed: seed, count: count, size: 32, mixed: true);
        return ImageTensors.FromPixels(images, 32);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Fact]
    public void OnePassForBothStages_GivesEachStagesFeaturesBitForBit_AndRefusesNoStageOrOneTwice()
    {
        using var network = PretrainedResNet18.Load(PretrainedResNet18.BundledPath, CPU, ResNetStage.Third);
        using var _ = no_grad();
        using var input = Images(3, seed: 41);

        var both = network.Forward(input, [ResNetStage.Third, ResNetStage.Second]);
        using var second = network.Forward(input, ResNetStage.Second);
        using var third = network.Forward(input, ResNetStage.Third);

        Assert.True(Same(second, both[1]));
        Assert.True(Same(third, both[0]));
        foreach (var features in both) features.Dispose();
        Assert.Throws<ArgumentException>(() => network.Forward(input, []));
        Assert.Contains("Name each stage once (got Second, Second)",
            Assert.Throws<ArgumentException>(() => network.Forward(input, [ResNetStage.Second, ResNetStage.Second])).Message);
    }

    [Fact]
    public void MemoriesDescribedTogether_AreTheMemoriesDescribedApart_AndImagesDescribedTogetherScoreAsAlone()
    {
        using var network = PretrainedResNet18.Load(PretrainedResNet18.BundledPath, CPU, ResNetStage.Third);
        using var _ = no_grad();
        using var pixels = PatchMemory.Remember(Images(6, seed: 42), capacity: 6, CPU);
        IPlaceDescriptors[] descriptors = [new PretrainedFeatures(network, ResNetStage.Third), pixels.Descriptors, new PretrainedFeatures(network)];
        using var queries = Images(5, seed: 43);

        var together = pixels.DescribedBy(descriptors);
        var described = PlaceDescription.Each(queries, descriptors);

        Assert.Equal(3, together.Count);
        for (int i = 0; i < descriptors.Length; i++)
        {
            using var apart = pixels.DescribedBy(descriptors[i]);
            Assert.Same(descriptors[i], together[i].Descriptors);
            Assert.True(Same(apart.Images, together[i].Images));
            using var alone = descriptors[i].Describe(queries);
            Assert.True(Same(alone, described[i]));
            using var expected = apart.DistanceMaps(queries);
            using var actual = together[i].DistanceMapsOfDescribed(described[i]);
            Assert.True(Same(expected, actual));
        }
        using (var thirdStageMaps = together[0].DistanceMaps(queries)) Assert.Equal([5L, 16, 16], thirdStageMaps.shape);
        var error = Assert.Throws<ArgumentException>(() => together[0].DistanceMapsOfDescribed(described[2]));
        Assert.Contains("The memory compares (B, 256, 256) descriptors, got (5, 128, 1024)", error.Message);
        foreach (var memory in together) memory.Dispose();
        foreach (var tensor in described) tensor.Dispose();
    }

    [Theory]
    [InlineData(ResNetStage.Second)]
    [InlineData(ResNetStage.Third)]
    public void RememberedRawScores_FromTheStoredDescriptors_AreEachRememberedImageDescribedAgainAndScoredAgainstTheOthers(ResNetStage stage)
    {
        using var network = PretrainedResNet18.Load(PretrainedResNet18.BundledPath, CPU, ResNetStage.Third);
        using var _ = no_grad();
        using var pixels = PatchMemory.Remember(Images(7, seed: 44), capacity: 7, CPU);
        using var memory = pixels.DescribedBy(new PretrainedFeatures(network, stage));

        var scores = memory.RememberedRawScores(5, batchSize: 3, DistanceSummary.Mean);

        for (int i = 0; i < 5; i++)
        {
            using var image = memory.Images.narrow(0, i, 1);
            using var maps = memory.DistanceMaps(image, exclude: [i]);
            using var alone = memory.RawScores(maps, DistanceSummary.Mean);
            Assert.Equal(alone.item<float>(), scores[i], 1e-4 * Math.Max(1, scores[i]));
        }
    }
}
