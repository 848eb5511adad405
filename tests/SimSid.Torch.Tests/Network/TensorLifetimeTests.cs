using SimSid.Torch.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

public sealed class TensorLifetimeTests
{
    [Fact]
    public void TwoHundredForwardPasses_LeaveTheLiveTensorCountFlat()
    {
        using var g = new SimSidGenerator(SimSidPresets.Tiny.Network);
        using var d = new Discriminator(SimSidPresets.Tiny.Network);
        using var images = rand(4, 1, 32, 32);
        var stats = DisposeScopeManager.Statistics;

        void Pass(bool training)
        {
            using var scope = NewDisposeScope();
            g.train(training);
            if (training)
            {
                var output = g.call(images);
                (output.Reconstruction.mean() + output.DistillationLoss! + d.call(output.Reconstruction).mean()).backward();
                g.Inpainting.WriteQueues();
            }
            else
            {
                using var _ = no_grad();
                d.ForwardPerImage(g.Reconstruct(images));
            }
        }

        Pass(true);
        Pass(false);
        long before = stats.ThreadTotalLiveCount;
        for (int i = 0; i < 100; i++)
        {
            Pass(true);
            Pass(false);
        }
        Assert.Equal(before, stats.ThreadTotalLiveCount);
    }
}
