using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Model;

public sealed class MemoryImageSizeTests
{
    private static readonly SimSidOptions Larger = SimSidPresets.Tiny with { Scoring = SimSidPresets.Tiny.Scoring with { MemoryImageSize = 64 } };

    [Fact]
    public void LargerMemoryImages_TheNetworkSeesThemAveragedDown_AndThePixelMemoryTakesItsPatchesAtTheNetworksSide()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 12, size: 64, mixed: false);
        var (probe, _) = Phantoms.Set(seed: 2, count: 6, size: 64, mixed: true);
        // Same seed, so the same initial weights: one model takes 64-pixel images, the other their 2 x 2 averages.
        using var large = SimSidModel.Create(Larger);
        using var small = SimSidModel.Create(SimSidPresets.Tiny);
        Calibration.Calibrate(large, train);
        Calibration.Calibrate(small, [.. train.Select(Halve)]);

        Assert.Equal(64, large.InputSize);
        foreach (var mode in new[] { ScoringMode.Paper, ScoringMode.DiscriminatorEvalMode, ScoringMode.ReconstructionError })
        {
            var a = large.Score(probe, mode);
            var b = small.Score([.. probe.Select(Halve)], mode);
            // Equal up to float rounding: the averages are summed in another order.
            Assert.All(a.Zip(b), p => Assert.Equal(p.Second.RawScore, p.First.RawScore, 1e-3 * Math.Max(1, Math.Abs(p.Second.RawScore))));
            // The untrained discriminator's eval-mode logits spread by 1e-6, which magnifies rounding in its standardised score.
            if (mode != ScoringMode.DiscriminatorEvalMode) Assert.All(a.Zip(b), p => Assert.Equal(p.Second.Score, p.First.Score, 1e-3));
        }
        // The remembered images are stored as 16-bit floats at their own side, so the averages differ in the last bits.
        var memory = large.Score(probe, ScoringMode.PatchMemory).Zip(small.Score([.. probe.Select(Halve)], ScoringMode.PatchMemory));
        Assert.All(memory, p => Assert.Equal(p.Second.RawScore, p.First.RawScore, 1e-2));

        var detail = large.ScoreInDetail(probe, ScoringMode.ReconstructionError);
        Assert.All(detail.Reconstructions, r => Assert.Equal(64 * 64, r.Length));
        Assert.All(detail.AnomalyMaps, m => Assert.Equal(64 * 64, m.Length));

        var error = Assert.Throws<ArgumentException>(() => large.Score([.. probe.Select(Halve)]));
        Assert.Contains("this model takes 64x64", error.Message);
    }

    [Fact]
    public void LargerMemoryImages_SurviveSaveAndLoad()
    {
        var (train, _) = Phantoms.Set(seed: 3, count: 10, size: 64, mixed: false);
        var (probe, _) = Phantoms.Set(seed: 4, count: 4, size: 64, mixed: true);
        using var model = SimSidModel.Create(Larger);
        Calibration.Calibrate(model, train);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        using var loaded = SimSidModel.Load(stream);

        Assert.Equal(64, loaded.InputSize);
        Assert.Equal(64, loaded.PatchMemory!.ImageSize);
        foreach (var mode in new[] { ScoringMode.Paper, ScoringMode.PatchMemory })
            Assert.Equal(model.Score(probe, mode).Select(s => s.RawScore), loaded.Score(probe, mode).Select(s => s.RawScore));
    }

    [Fact]
    public void MemoryImageSize_MustBeAMultipleOfTheNetworksSide_AndCannotChangeOnResume()
    {
        var odd = SimSidPresets.Tiny with { Scoring = SimSidPresets.Tiny.Scoring with { MemoryImageSize = 48 } };
        Assert.Contains(odd.Problems(), p => p.StartsWith("Scoring.MemoryImageSize 48 must be a multiple of Network.ImageSize 32"));
        Assert.Empty(Larger.Problems());

        var differences = CheckpointCompatibility.Differences(SimSidPresets.Tiny, Larger).ToList();
        Assert.Equal(["scoring.memoryImageSize: checkpoint (none), requested 64"], differences);
        Assert.Empty(CheckpointCompatibility.Differences(Larger, Larger with { Scoring = Larger.Scoring with { Mode = ScoringMode.PatchMemory } }));
    }

    /// <summary>The image averaged over 2 x 2 pixel blocks: half its side.</summary>
    private static float[] Halve(float[] image)
    {
        int side = (int)Math.Sqrt(image.Length), half = side / 2;
        var result = new float[half * half];
        for (int y = 0; y < half; y++)
            for (int x = 0; x < half; x++)
                result[y * half + x] = (image[2 * y * side + 2 * x] + image[2 * y * side + 2 * x + 1]
                    + image[(2 * y + 1) * side + 2 * x] + image[(2 * y + 1) * side + 2 * x + 1]) / 4;
        return result;
    }
}
