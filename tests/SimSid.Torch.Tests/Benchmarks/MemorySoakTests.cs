using SimSid.Torch.Benchmarks;

namespace SimSid.Torch.Tests.Benchmarks;

public sealed class MemorySoakTests
{
    [Fact]
    public void Soak_ValidatesAndCheckpointsEveryEpochLikeTheCli_AndKeepsTheLiveTensorCountFlat()
    {
        // Two 20-step epochs, sampled at the same two steps of each: whatever the first epoch's validation,
        // calibration and checkpoint leave alive shows in the second epoch's samples.
        var result = MemorySoak.Run(SimSidPresets.Tiny, steps: 40, sampleEvery: 10);

        Assert.Equal(40, result.Steps);
        Assert.Equal([10, 20, 30, 40], result.Samples.Select(s => s.Step));
        Assert.Equal(2, result.Validations);
        // After the first epoch and at the end, each after a calibration.
        Assert.Equal(2, result.Checkpoints);
        Assert.All(result.Samples, s => Assert.Equal(result.Samples[0].LiveTensors, s.LiveTensors));
        Assert.Equal(0, result.LiveTensorsChange);
    }

    [Fact]
    public void Soak_ThenScoresSingleImagesInEveryModeOfTheModel_AndKeepsTheLiveTensorCountFlat()
    {
        var result = MemorySoak.Run(SimSidPresets.Tiny, steps: 40, sampleEvery: 10).Scoring;

        Assert.Equal(40, result.Images);
        Assert.Equal([10, 20, 30, 40], result.Samples.Select(s => s.Step));
        Assert.Contains(ScoringMode.Paper, result.Modes);
        Assert.Contains(ScoringMode.PatchMemory, result.Modes);
        Assert.All(result.Samples, s => Assert.Equal(result.Samples[0].LiveTensors, s.LiveTensors));
        Assert.Equal(0, result.LiveTensorsChange);
    }

    [Fact]
    public void Soak_TrainsTheStepsAskedFor_WhereThePresetBoundsARunsSteps()
    {
        var bounded = SimSidPresets.Tiny with { Training = SimSidPresets.Tiny.Training with { MaxSteps = 20 } };

        var result = MemorySoak.Run(bounded, steps: 40, sampleEvery: 10);

        Assert.Equal(40, result.Steps);
        Assert.Equal(4, result.Samples.Count);
    }

    [Fact]
    public void Soak_OfFewerThanFourSamples_IsRefusedBeforeTraining()
    {
        var error = Assert.Throws<ArgumentException>(() => MemorySoak.Run(SimSidPresets.Tiny, steps: 30, sampleEvery: 10));
        Assert.Contains("at least 40 steps", error.Message);
    }
}
