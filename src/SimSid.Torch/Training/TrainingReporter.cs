using System.Diagnostics;

namespace SimSid.Torch.Training;

/// <summary>
/// Sends a run's <see cref="TrainingProgress"/> reports, and times the run and its epochs for the
/// throughput and time-left estimates. Does nothing without a receiver.
/// </summary>
internal sealed class TrainingReporter(IProgress<TrainingProgress>? progress, int epochs)
{
    private readonly Stopwatch run = Stopwatch.StartNew();
    private Stopwatch epoch = new();

    public void EpochStarted() => epoch = Stopwatch.StartNew();

    /// <summary>Step <paramref name="step"/> (1-based) of <paramref name="epochNumber"/> is done, with <paramref name="imagesDone"/> of <paramref name="imageCount"/> images seen in the epoch.</summary>
    public void Step(int epochNumber, int step, int stepsPerEpoch, int imagesDone, int imageCount, TrainingLosses losses, double learningRate)
    {
        if (progress is null) return;
        double perImage = epoch.Elapsed.TotalSeconds / imagesDone;
        int remainingImages = imageCount - imagesDone + (epochs - epochNumber) * imageCount;
        progress.Report(new TrainingProgress
        {
            Phase = TrainingPhase.Step, Epoch = epochNumber, Epochs = epochs, Step = step, StepsPerEpoch = stepsPerEpoch,
            Losses = losses, LearningRate = learningRate, ImagesPerSecond = 1 / perImage,
            Elapsed = run.Elapsed, Remaining = TimeSpan.FromSeconds(perImage * remainingImages),
        });
    }

    public void EpochEnded(int epochNumber, int stepsPerEpoch, int imageCount, TrainingLosses means, double learningRate)
    {
        if (progress is null) return;
        double seconds = epoch.Elapsed.TotalSeconds;
        progress.Report(new TrainingProgress
        {
            Phase = TrainingPhase.EpochEnd, Epoch = epochNumber, Epochs = epochs, Step = stepsPerEpoch, StepsPerEpoch = stepsPerEpoch,
            Losses = means, LearningRate = learningRate, ImagesPerSecond = imageCount / seconds, Elapsed = run.Elapsed,
            Remaining = TimeSpan.FromSeconds(seconds * (epochs - epochNumber)),
        });
    }

    public void Validated(int epochNumber, IReadOnlyDictionary<ScoringMode, double> aucs, TrainingRunState state) => progress?.Report(new TrainingProgress
    {
        Phase = TrainingPhase.Validation, Epoch = epochNumber, Epochs = epochs, ValidationAuc = aucs.Values.Max(), ValidationAucs = aucs,
        BestAuc = state.BestAuc, BestEpoch = state.BestEpoch, Elapsed = run.Elapsed,
    });

    /// <summary><paramref name="model"/>'s scoring mode was chosen on the validation set, from its validation AUCs.</summary>
    public void ModeChosen(int epochNumber, SimSidModel model, TrainingRunState state) => progress?.Report(new TrainingProgress
    {
        Phase = TrainingPhase.ModeChosen, Epoch = epochNumber, Epochs = epochs, ScoringMode = model.Options.Scoring.Mode,
        ValidationAuc = model.ValidationAucs![model.Options.Scoring.Mode], ValidationAucs = model.ValidationAucs,
        NetworkAucsCrossFitted = model.CrossFittedNetworkAucs,
        BestAuc = state.BestAuc, BestEpoch = state.BestEpoch, Elapsed = run.Elapsed,
    });

    public void ValidatingEveryMode(int epochNumber, int validationImages) => progress?.Report(new TrainingProgress
    {
        Phase = TrainingPhase.ValidatingEveryMode, Epoch = epochNumber, Epochs = epochs, ValidationImages = validationImages, Elapsed = run.Elapsed,
    });

    public void DescribingRememberedImages(int epochNumber, int images) => progress?.Report(new TrainingProgress
    {
        Phase = TrainingPhase.DescribingRememberedImages, Epoch = epochNumber, Epochs = epochs, ImagesToDescribe = images, Elapsed = run.Elapsed,
    });

    public void CheckpointWritten(string path, TrainingRunState state) => progress?.Report(new TrainingProgress
    {
        Phase = TrainingPhase.Checkpoint, Epoch = state.EpochsCompleted, Epochs = epochs, CheckpointPath = path,
        Elapsed = run.Elapsed, BestAuc = state.BestAuc, BestEpoch = state.BestEpoch,
    });

    public void Calibrating(int epochNumber) =>
        progress?.Report(new TrainingProgress { Phase = TrainingPhase.Calibration, Epoch = epochNumber, Epochs = epochs, Elapsed = run.Elapsed });
}
