using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;
using TorchSharp;

namespace SimSid.Torch.Tests.Training;

public sealed class CalibrationTests
{
    [Fact]
    public void Calibrating_LeavesNoTensorAlive()
    {
        // The trainer calibrates at every checkpointed epoch, so a tensor left behind here is a leak per epoch.
        var (train, _) = Phantoms.Set(seed: 1, count: 12, size: 32, mixed: false);
        using var model = SimSidModel.Create(SimSidPresets.Tiny);
        var stats = DisposeScopeManager.Statistics;
        Calibration.Calibrate(model, train);

        long before = stats.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++) Calibration.Calibrate(model, train);

        Assert.Equal(before, stats.ThreadTotalLiveCount);
        Assert.Equal(12, model.Calibration!.ImageCount);
        Assert.True(model.IsReady);
    }
}
