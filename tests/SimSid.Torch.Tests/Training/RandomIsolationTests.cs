using SimSid.Torch.Persistence;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Training;

/// <summary>
/// A seeded run does not depend on what else the process does with torch's process-wide generator:
/// other SimSID models built and trained at the same time, or other code drawing from it during training.
/// (Building a model seeds that generator and draws the initial weights from it under a lock that every
/// SimSID model construction takes; code outside SimSID that draws while a model is being built can still
/// change its initial weights.)
/// </summary>
public sealed class RandomIsolationTests
{
    private static byte[] Weights(SimSidModel model) =>
        [.. ModelFile.ModuleBytes(model.Generator), .. ModelFile.ModuleBytes(model.Discriminator)];

    private sealed class OnFirstStep(Action action) : IProgress<TrainingProgress>
    {
        private int steps;
        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Step && Interlocked.Increment(ref steps) == 1) action();
        }
    }

    [Fact]
    public async Task SeededTraining_GivesTheSameModel_WhileOtherThreadsTrainAndDrawFromTorchsGlobalGenerator()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 16, size: 32, mixed: false);
        // Masked shortcuts below 1 make the network draw too, not only the shuffling and augmentation.
        var options = SimSidPresets.Tiny with
        {
            Seed = 11,
            Network = SimSidPresets.Tiny.Network with { InpaintingMaskRatio = 0.8, DecoderMemoryMaskRatio = 0.8, InpaintingDropout = 0.1 },
            Training = SimSidPresets.Tiny.Training with { Epochs = 2 },
        };
        byte[] quiet;
        using (var model = new SimSidTrainer(options).Fit(train)) quiet = Weights(model);

        using var stop = new CancellationTokenSource();
        var started = new ManualResetEventSlim();
        var other = Task.Run(() =>
        {
            // Another seeded SimSID training in the same process, from model construction on.
            using var model = new SimSidTrainer(options with { Seed = 12 }).Fit(train);
        });
        var noise = Task.Run(() =>
        {
            started.Wait();
            while (!stop.IsCancellationRequested)
            {
                manual_seed(Environment.TickCount);
                using var draw = rand(64);
            }
        });
        byte[] noisy;
        try
        {
            using var model = new SimSidTrainer(options) { Progress = new OnFirstStep(started.Set) }.Fit(train);
            noisy = Weights(model);
        }
        finally
        {
            started.Set();
            stop.Cancel();
            await Task.WhenAll(noise, other);
        }

        Assert.Equal(quiet, noisy);
    }
}
