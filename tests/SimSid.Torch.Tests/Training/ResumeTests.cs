using SimSid.Torch.Persistence;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Training;

public sealed class ResumeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-resume-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static SimSidOptions Tiny(int epochs) => TinyTraining.Options(epochs, seed: 11);

    private static Dictionary<string, float[]> Weights(SimSidModel model) =>
        model.Generator.state_dict().Concat(model.Discriminator.state_dict().Select(kv => KeyValuePair.Create("d." + kv.Key, kv.Value)))
            .Where(kv => kv.Value.dtype == ScalarType.Float32)
            .ToDictionary(kv => kv.Key, kv => kv.Value.data<float>().ToArray());

    [Fact]
    public void Resume_FromAnInterruptedRun_EndsWithTheWeightsOfAnUninterruptedRun()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 20, size: 32, mixed: false);
        using var uninterrupted = new SimSidTrainer(Tiny(epochs: 4)).Fit(train);

        string checkpoint = Path.Combine(folder, "run.simsid");
        using var cancel = new CancellationTokenSource();
        var interrupted = new SimSidTrainer(Tiny(epochs: 4)) { CheckpointPath = checkpoint, Progress = new CancelAt(cancel, epoch: 3) };
        Assert.ThrowsAny<OperationCanceledException>(() => interrupted.Fit(train, cancellationToken: cancel.Token));

        using (var partial = SimSidModel.Load(checkpoint))
            Assert.Equal(2, partial.EpochsTrained);
        using var resumed = new SimSidTrainer(Tiny(epochs: 4)) { CheckpointPath = checkpoint }.Resume(checkpoint, train);

        var expected = Weights(uninterrupted);
        var actual = Weights(resumed);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, values) in expected)
        {
            float maxError = values.Zip(actual[key], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxError <= 1e-5f, $"{key}: max abs difference {maxError}");
        }
        Assert.Equal(uninterrupted.Generator.Inpainting.Memories.Cast<SimSid.Torch.Network.MemoryQueue>().Select(q => q.WritePosition),
            resumed.Generator.Inpainting.Memories.Cast<SimSid.Torch.Network.MemoryQueue>().Select(q => q.WritePosition));
        Assert.Equal(uninterrupted.Calibration, resumed.Calibration);
        Assert.Equal(uninterrupted.Threshold, resumed.Threshold);
    }

    private sealed class CancelAt(CancellationTokenSource cancel, int epoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Step && value.Epoch == epoch && value.Step == 2) cancel.Cancel();
        }
    }

    [Fact]
    public void Resume_WithOtherOptions_ListsTheDifferences()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        string checkpoint = Path.Combine(folder, "run.simsid");
        using (new SimSidTrainer(Tiny(epochs: 1)) { CheckpointPath = checkpoint }.Fit(train)) { }
        var other = Tiny(epochs: 3) with
        {
            Network = SimSidPresets.Tiny.Network with { InpaintingSlots = 30 },
            Training = Tiny(3).Training with { LearningRate = 2e-4, MaxSteps = 100 },
        };

        var error = Assert.Throws<ModelFileException>(() => new SimSidTrainer(other).Resume(checkpoint, train));

        Assert.Contains("was trained with other options", error.Message);
        Assert.Contains("network.inpaintingSlots: checkpoint 20, requested 30", error.Message);
        Assert.Contains("training.learningRate: checkpoint 0.0001, requested 0.0002", error.Message);
        Assert.DoesNotContain("epochs", error.Message);
        Assert.DoesNotContain("maxSteps", error.Message);
    }

    [Fact]
    public void Resume_OnOtherImages_IsRefused()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        var (other, _) = Phantoms.Set(seed: 9, count: 8, size: 32, mixed: false);
        string checkpoint = Path.Combine(folder, "run.simsid");
        using (new SimSidTrainer(Tiny(epochs: 1)) { CheckpointPath = checkpoint }.Fit(train)) { }

        var error = Assert.Throws<ModelFileException>(() => new SimSidTrainer(Tiny(2)).Resume(checkpoint, other));
        Assert.Contains("resume on the same training images", error.Message);
    }

    [Fact]
    public void Resume_FromAFinishedModelFile_SaysThereIsNoTrainingState()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        string modelPath = Path.Combine(folder, "model.simsid");
        using (var model = new SimSidTrainer(Tiny(epochs: 1)).Fit(train)) model.Save(modelPath);

        var error = Assert.Throws<ModelFileException>(() => new SimSidTrainer(Tiny(2)).Resume(modelPath, train));
        Assert.Contains("is a finished model, not a training checkpoint", error.Message);
        Assert.Contains(modelPath, error.Message);
    }
}
