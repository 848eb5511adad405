using SimSid.Torch.Evaluation;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

public sealed class TrainerTests
{
    private static SimSidOptions Tiny(int epochs, int seed = 3) => TinyTraining.Options(epochs, seed);

    [Fact]
    public void Training_LowersTheReconstructionLoss_AndSeparatesBlobsFromAnatomy()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 128, size: 32, mixed: false);
        var (test, labels) = Phantoms.Set(seed: 2, count: 40, size: 32, mixed: true);
        // Over seeds 0-9 here the reconstruction error separates these phantoms every time (AUC 1.000) and
        // the loss falls to 0.12-0.21 of its first epoch; the discriminator's scores after 20 tiny epochs
        // range from 0.0 to 0.995 by seed, so no bar on them would hold on another processor.
        var options = Tiny(epochs: 20) with { Scoring = SimSidPresets.Tiny.Scoring with { Mode = ScoringMode.ReconstructionError } };
        var recorder = new ProgressRecorder();

        using var model = new SimSidTrainer(options) { Progress = recorder }.Fit(train);

        var epochs = recorder.Reports.Where(r => r.Phase == TrainingPhase.EpochEnd).ToList();
        Assert.Equal(20, epochs.Count);
        Assert.True(epochs[^1].Losses.Reconstruction < 0.5 * epochs[0].Losses.Reconstruction,
            $"reconstruction loss {epochs[0].Losses.Reconstruction:F4} -> {epochs[^1].Losses.Reconstruction:F4}");
        var errors = model.Score(test).Select(s => s.Score).ToList();
        double errorAuc = RocCurve.Compute(errors, labels).Auc;
        Assert.True(errorAuc > 0.9, $"reconstruction-error AUC {errorAuc:F3}");
        Assert.All(errors, e => Assert.InRange(e, 0, 1));
        Assert.True(model.IsReady);
        Assert.Equal(20, model.EpochsTrained);
        Assert.Equal(ThresholdMethod.NormalScoreQuantile, model.Threshold!.Method);
        Assert.Equal(32, model.Calibration!.ImageCount);
    }

    [Fact]
    public void Training_IsDeterministicForASeed()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (test, _) = Phantoms.Set(seed: 2, count: 6, size: 32, mixed: true);

        double[] Run(int seed)
        {
            using var model = new SimSidTrainer(Tiny(epochs: 2, seed)).Fit(train);
            return model.Score(test).Select(s => s.RawScore).ToArray();
        }

        var first = Run(5);
        Assert.Equal(first, Run(5));
        Assert.NotEqual(first, Run(6));
    }

    [Fact]
    public void Progress_ReportsEveryStepWithLossesThroughputAndEta()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 20, size: 32, mixed: false);
        var recorder = new ProgressRecorder();

        using var model = new SimSidTrainer(Tiny(epochs: 2)) { Progress = recorder }.Fit(train);

        var steps = recorder.Reports.Where(r => r.Phase == TrainingPhase.Step).ToList();
        Assert.Equal(2 * 3, steps.Count); // 20 images in batches of 8: 3 steps per epoch
        Assert.All(steps, s => Assert.Equal(3, s.StepsPerEpoch));
        Assert.All(steps, s => Assert.True(s.ImagesPerSecond > 0 && s.Losses.Discriminator > 0));
        // The generator learns on steps 0 and 2 (CriticSteps = 2), not on step 1.
        Assert.True(steps[0].Losses.Reconstruction > 0 && steps[1].Losses.Reconstruction == 0 && steps[2].Losses.Reconstruction > 0);
        Assert.Equal(TimeSpan.Zero, steps[^1].Remaining);
        Assert.True(steps[0].Remaining > TimeSpan.Zero);
        Assert.Equal(CosineAnnealing.LearningRate(Tiny(2).Training, 2), steps[^1].LearningRate);
        Assert.Equal(TrainingPhase.Calibration, recorder.Reports[^1].Phase);
    }

    [Fact]
    public void ATrainingSetTooLargeForItsEpochsWithinMaxSteps_TrainsTheMostWholeEpochsThatFit_AndTheModelSaysHowMany()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 20, size: 32, mixed: false);
        var recorder = new ProgressRecorder();
        var options = Tiny(epochs: 5) with { Training = Tiny(5).Training with { MaxSteps = 8 } };

        using var model = new SimSidTrainer(options) { Progress = recorder }.Fit(train);

        // Three steps an epoch (20 images in batches of 8): two epochs fit in eight steps.
        Assert.Equal(2 * 3, recorder.Reports.Count(r => r.Phase == TrainingPhase.Step));
        Assert.All(recorder.Reports, r => Assert.Equal(2, r.Epochs));
        Assert.Equal(2, model.EpochsTrained);
        Assert.Equal(2, model.Options.Training.Epochs);
        Assert.Equal(8, model.Options.Training.MaxSteps);
    }

    [Fact]
    public void Cancellation_StopsTraining()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 16, size: 32, mixed: false);
        using var cancel = new CancellationTokenSource();
        var trainer = new SimSidTrainer(Tiny(epochs: 50))
        {
            Progress = new Stop(cancel, afterSteps: 3),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(train, cancellationToken: cancel.Token));
    }

    private sealed class Stop(CancellationTokenSource cancel, int afterSteps) : IProgress<TrainingProgress>
    {
        private int steps;
        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Step && ++steps == afterSteps) cancel.Cancel();
        }
    }

    [Fact]
    public void Validation_KeepsTheBestModel_AndChoosesTheThresholdByBestF1()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (validation, labels) = Phantoms.Set(seed: 4, count: 12, size: 32, mixed: true);
        var recorder = new ProgressRecorder();

        using var model = new SimSidTrainer(Tiny(epochs: 3)) { Progress = recorder }.Fit(train, new LabeledImages(validation, labels));

        var validations = recorder.Reports.Where(r => r.Phase == TrainingPhase.Validation).ToList();
        Assert.Equal(3, validations.Count);
        var best = validations.MaxBy(v => v.ValidationAuc)!;
        Assert.Equal(best.Epoch, validations[^1].BestEpoch);
        Assert.Equal(ThresholdMethod.ValidationBestF1, model.Threshold!.Method);
        double auc = RocCurve.Compute(model.Score(validation).Select(s => s.Score).ToList(), labels).Auc;
        Assert.Equal(best.ValidationAuc!.Value, auc, 6);
    }

    [Fact]
    public void KeepingTheLastEpoch_GivesTheLastEpochsWeights_AndStillChoosesTheThresholdOnValidation()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (validation, labels) = Phantoms.Set(seed: 4, count: 12, size: 32, mixed: true);
        var options = Tiny(epochs: 3) with
        {
            Training = SimSidPresets.Tiny.Training with { Epochs = 3, KeepBestValidationEpoch = false },
            Scoring = SimSidPresets.Tiny.Scoring with { Mode = ScoringMode.ReconstructionError },
        };
        var recorder = new ProgressRecorder();

        using var validated = new SimSidTrainer(options) { Progress = recorder }.Fit(train, new LabeledImages(validation, labels));
        using var unvalidated = new SimSidTrainer(options).Fit(train);

        var validations = recorder.Reports.Where(r => r.Phase == TrainingPhase.Validation).ToList();
        Assert.Equal(3, validations.Count);
        Assert.Equal(ThresholdMethod.ValidationBestF1, validated.Threshold!.Method);
        Assert.Equal(ThresholdMethod.NormalScoreQuantile, unvalidated.Threshold!.Method);
        Assert.Equal(unvalidated.Score(validation).Select(s => s.RawScore), validated.Score(validation).Select(s => s.RawScore));
        double auc = RocCurve.Compute(validated.Score(validation).Select(s => s.Score).ToList(), labels).Auc;
        Assert.Equal(validations[^1].ValidationAuc!.Value, auc, 6);
        // Every mode gets its own threshold, and scoring in a mode judges against that mode's.
        Assert.Equal(validated.AvailableModes, validated.Thresholds!.Keys.Order());
        Assert.Same(validated.ThresholdFor(ScoringMode.ReconstructionError), validated.Threshold);
        foreach (var mode in validated.AvailableModes)
        {
            var threshold = validated.ThresholdFor(mode)!;
            Assert.Equal(ThresholdMethod.ValidationBestF1, threshold.Method);
            Assert.All(validated.Score(validation, mode), s => Assert.Equal(s.Score >= threshold.Threshold, s.IsAnomalous));
        }
    }

    [Fact]
    public void EmptyTrainingSet_AndWrongImageSizes_AreRejectedClearly()
    {
        var trainer = new SimSidTrainer(Tiny(epochs: 1));
        Assert.Contains("The training set is empty", Assert.Throws<ArgumentException>(() => trainer.Fit([])).Message);
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit([new float[32 * 32], new float[64 * 64]]));
        Assert.Contains("Image 1 has 4096 pixels; this model takes 32x32 = 1024 grayscale pixels.", error.Message);
    }
}
