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
}
