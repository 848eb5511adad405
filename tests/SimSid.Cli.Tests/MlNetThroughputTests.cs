using SimSid.Cli.Benchmarks;
using SimSid.Torch;

namespace SimSid.Cli.Tests;

public sealed class MlNetThroughputTests
{
    [Fact]
    public void BothScorersAreTimed_InBatchesAndOneImageAtATime()
    {
        var result = MlNetThroughput.Run(SimSidPresets.Tiny, images: 16, repeats: 1);

        Assert.Equal(16, result.Images);
        Assert.Equal(SimSidPresets.Tiny.Scoring.BatchSize, result.BatchSize);
        double[] measured = [result.TorchImagesPerSecond, result.MlNetImagesPerSecond, result.TorchOneImageSeconds, result.PredictionEngineOneImageSeconds];
        Assert.All(measured, value => Assert.True(double.IsFinite(value) && value > 0, $"measured {value}"));
        Assert.Equal(result.MlNetImagesPerSecond / result.TorchImagesPerSecond, result.Ratio, 12);
    }
}
