using SimSid.Torch.Network;
using SimSid.Torch.Persistence;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// Trains a SimSID model on normal images, exactly as the paper: every step the discriminator learns
/// to tell images from reconstructions; every <c>CriticSteps</c> steps the generator learns to
/// reconstruct (plus teacher reconstruction, distillation and adversarial terms), then the memory
/// queues take in the batch. The generator's learning rate is cosine-annealed per epoch. When a
/// validation set is given, the model of the best validation AUC is kept. At the end the score
/// calibration and the decision threshold are computed and stored in the model.
/// Deterministic for a given seed on the CPU, and resumable from checkpoints at epoch boundaries.
/// </summary>
public sealed class SimSidTrainer
{
    private readonly SimSidOptions options;
    private readonly SimSidLosses losses;

    /// <summary>Creates a trainer for <paramref name="options"/> (validated).</summary>
    public SimSidTrainer(SimSidOptions options)
    {
        this.options = options.Validate();
        losses = new SimSidLosses(this.options.Training);
    }

    /// <summary>Receives progress reports (synchronously, on the training thread).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>When set, a resumable checkpoint is written there every <see cref="CheckpointInterval"/> epochs and at the end.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Epochs between checkpoints.</summary>
    public int CheckpointInterval { get; init; } = 1;

    /// <summary>Receives a new model before its first step (the profiler hooks its modules).</summary>
    internal Action<SimSidModel>? ModelCreated { get; init; }

    /// <summary>
    /// Trains a new model on the training set that <see cref="TrainingOptions.PositiveRatio"/> composes from
    /// <paramref name="training"/> (see <see cref="TrainingSetComposition"/>): at ratio 1 its normal images
    /// alone, below 1 the paper's contaminated set.
    /// </summary>
    /// <param name="training">Labelled training images (row-major S x S pixels in [0, 1]; true = abnormal).</param>
    /// <param name="validation">Optional labelled images: validation AUC every ValidationInterval epochs, best model kept, best-F1 threshold.</param>
    /// <param name="cancellationToken">Stops between steps; the last checkpoint stays resumable.</param>
    /// <exception cref="ArgumentException">
    /// The labelled images hold fewer abnormal images than the ratio needs, the composed set has fewer than two
    /// images, or the validation set lacks a class.
    /// </exception>
    /// <exception cref="InvalidOperationException"><see cref="CheckpointPath"/> is a folder.</exception>
    public SimSidModel Fit(LabeledImages training, LabeledImages? validation = null, CancellationToken cancellationToken = default) =>
        Fit(Compose(training), validation, cancellationToken);

    /// <summary>Trains a new model on <paramref name="trainingImages"/> (row-major S x S pixels in [0, 1]).</summary>
    /// <param name="trainingImages">
    /// The training set as it is: PositiveRatio is not applied, since it needs labels (see the overload that takes
    /// <see cref="LabeledImages"/>).
    /// </param>
    /// <param name="validation">Optional labelled images: validation AUC every ValidationInterval epochs, best model kept, best-F1 threshold.</param>
    /// <param name="cancellationToken">Stops between steps; the last checkpoint stays resumable.</param>
    /// <exception cref="ArgumentException">Fewer than two training images, or a validation set that lacks a class.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CheckpointPath"/> is a folder.</exception>
    public SimSidModel Fit(IReadOnlyList<float[]> trainingImages, LabeledImages? validation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingImages);
        using var cache = ImageCache.From(trainingImages, options.InputSize);
        return Fit(cache, validation, cancellationToken);
    }

    /// <summary>
    /// Trains a new model on the images of <paramref name="training"/>, as they are (see the overload that takes
    /// <see cref="LabeledImages"/> for PositiveRatio). A cache bounds the memory the training images take,
    /// whatever their number; the caller fills it (e.g. while decoding files) and disposes it after the run.
    /// </summary>
    /// <param name="training">The training images at <see cref="SimSidOptions.InputSize"/>.</param>
    /// <param name="validation">Optional labelled images: validation AUC every ValidationInterval epochs, best model kept, best-F1 threshold.</param>
    /// <param name="cancellationToken">Stops between steps; the last checkpoint stays resumable.</param>
    /// <exception cref="ArgumentException">
    /// Fewer than two training images, images of another side than the model's input, or a validation set that lacks a class.
    /// </exception>
    /// <exception cref="InvalidOperationException"><see cref="CheckpointPath"/> is a folder.</exception>
    public SimSidModel Fit(ImageCache training, LabeledImages? validation = null, CancellationToken cancellationToken = default)
    {
        TrainingInputChecks.Check(training, options.InputSize, validation, options.Scoring, CheckpointPath);
        var model = SimSidModel.Create(options);
        try
        {
            ModelCreated?.Invoke(model);
            return Run(model, null, training, validation, cancellationToken);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues the training saved in <paramref name="checkpointPath"/> with these options (which may
    /// differ only in Epochs, MaxSteps, EarlyStoppingPatience, Scoring and Device) on the training set composed from
    /// the same labelled images as <see cref="Fit(LabeledImages, LabeledImages?, CancellationToken)"/> does.
    /// A checkpoint written during training resumes exactly from its last completed epoch; the final
    /// checkpoint of a finished run holds the kept (best-validation) weights, so extending a finished
    /// run continues from those with the last epoch's optimizer state.
    /// </summary>
    /// <exception cref="ModelFileException">The checkpoint is unreadable, not a checkpoint, or from other options or data.</exception>
    /// <exception cref="ArgumentException">
    /// The labelled images hold fewer abnormal images than the ratio needs, the composed set has fewer than two
    /// images, or the validation set lacks a class.
    /// </exception>
    /// <exception cref="InvalidOperationException"><see cref="CheckpointPath"/> is a folder.</exception>
    public SimSidModel Resume(string checkpointPath, LabeledImages training, LabeledImages? validation = null, CancellationToken cancellationToken = default) =>
        Resume(checkpointPath, Compose(training), validation, cancellationToken);

    /// <summary>
    /// As <see cref="Resume(string, LabeledImages, LabeledImages?, CancellationToken)"/>, on the same training
    /// set given as it is (PositiveRatio is not applied, as in <see cref="Fit(IReadOnlyList{float[]}, LabeledImages?, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="ModelFileException">The checkpoint is unreadable, not a checkpoint, or from other options or data.</exception>
    /// <exception cref="ArgumentException">Fewer than two training images, or a validation set that lacks a class.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CheckpointPath"/> is a folder.</exception>
    public SimSidModel Resume(string checkpointPath, IReadOnlyList<float[]> trainingImages, LabeledImages? validation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingImages);
        using var cache = ImageCache.From(trainingImages, options.InputSize);
        return Resume(checkpointPath, cache, validation, cancellationToken);
    }

    /// <summary>
    /// As <see cref="Resume(string, LabeledImages, LabeledImages?, CancellationToken)"/>, on the same training
    /// set held in a cache (see <see cref="Fit(ImageCache, LabeledImages?, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="ModelFileException">The checkpoint is unreadable, not a checkpoint, or from other options or data.</exception>
    /// <exception cref="ArgumentException">Fewer than two training images, images of another side, or a validation set that lacks a class.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CheckpointPath"/> is a folder.</exception>
    public SimSidModel Resume(string checkpointPath, ImageCache training, LabeledImages? validation = null, CancellationToken cancellationToken = default)
    {
        TrainingInputChecks.Check(training, options.InputSize, validation, options.Scoring, CheckpointPath);
        using var stream = ModelFile.OpenRead(checkpointPath);
        var (model, snapshot) = ModelFile.Read(stream, checkpointPath, options.Device);
        try
        {
            if (snapshot is null)
                throw new ModelFileException($"\"{checkpointPath}\" is a finished model, not a training checkpoint: there is no optimizer state to resume from.");
            var differences = CheckpointCompatibility.Differences(model.Options, options).ToList();
            if (differences.Count > 0)
                throw new ModelFileException(
                    $"\"{checkpointPath}\" was trained with other options; resume with the same ones (only Epochs, MaxSteps, EarlyStoppingPatience, Scoring and Device may change):{Environment.NewLine}" +
                    string.Join(Environment.NewLine, differences.Select(d => "  - " + d)));
            // Epochs, early stopping and scoring may change on resume: the run follows the requested options.
            model.Options = options;
            return Run(model, snapshot, training, validation, cancellationToken);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private IReadOnlyList<float[]> Compose(LabeledImages training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return TrainingSetComposition.Of(training.IsAbnormal, options.Training.PositiveRatio).Take(training.Images);
    }

    private SimSidModel Run(SimSidModel model, TrainingSnapshot? resumeFrom, ImageCache data, LabeledImages? validation, CancellationToken cancellationToken)
    {
        // A training set too large for Epochs within MaxSteps trains fewer epochs, and the model's options say how many.
        var t = options.Training with { Epochs = options.Training.EpochsFor(data.Count) };
        model.Options = model.Options with { Training = t };
        using var optimizers = new TrainingOptimizers(model, t);
        var state = resumeFrom is null ? TrainingRunState.Start(data) : TrainingRunState.Resume(data, resumeFrom, optimizers);
        // The patch memory is the training images themselves: remembered before the first epoch, so that
        // validation can score with it, and again on resume (the data are checked to be the same).
        model.PatchMemory?.Dispose();
        model.PatchMemory = PatchMemory.Remember(data, options.Scoring.PatchMemoryImages, model.Device, options.Network.ImageSize, PlaceMatching.Of(options.Scoring));
        var validator = validation is null ? null : new EpochValidation(model.Options, validation);
        var reporter = new TrainingReporter(Progress, t.Epochs);

        for (int epoch = state.EpochsCompleted + 1; epoch <= t.Epochs; epoch++)
        {
            double learningRate = CosineAnnealing.LearningRate(t, epoch);
            optimizers.SetGeneratorLearningRate(learningRate);
            TrainEpoch(model, optimizers, data, epoch, learningRate, reporter, cancellationToken);
            state.EpochsCompleted = epoch;
            model.EpochsTrained = epoch;

            bool stopEarly = validator is not null && validator.IsDue(epoch) && validator.Run(model, epoch, state, reporter);
            if (stopEarly || epoch == t.Epochs) break;
            if (CheckpointPath is not null && epoch % CheckpointInterval == 0)
            {
                // Calibrated so that every checkpoint can also score; calibration runs in eval mode
                // and leaves the training state untouched.
                BuildFeatureMemories(model, reporter, epoch);
                Calibration.Calibrate(model, data, validation: null);
                WriteCheckpoint(model, state, optimizers, reporter);
            }
        }

        state.LoadBestWeights(model);
        BuildFeatureMemories(model, reporter, state.EpochsCompleted);
        if (validation is not null) reporter.ValidatingEveryMode(state.EpochsCompleted, validation.Images.Count);
        if (validator?.Conclude(model, state) == true) reporter.ModeChosen(state.EpochsCompleted, model, state);
        reporter.Calibrating(state.EpochsCompleted);
        Calibration.Calibrate(model, data, validation, validator?.ConcludedRawScores);
        if (CheckpointPath is not null) WriteCheckpoint(model, state, optimizers, reporter);
        return model;
    }

    // Before their first use: describing the remembered images takes a minute or more for 1,000 of them, so it is reported first.
    private static void BuildFeatureMemories(SimSidModel model, TrainingReporter reporter, int epoch) =>
        model.BuildMemories(ScoringModes.All, images => reporter.DescribingRememberedImages(epoch, images));

    private void TrainEpoch(SimSidModel model, TrainingOptimizers optimizers, ImageCache data, int epoch, double learningRate,
        TrainingReporter reporter, CancellationToken cancellationToken)
    {
        var t = options.Training;
        model.Generator.train();
        model.Discriminator.train();
        using var random = TrainingRandom.ForEpoch(options.Seed, epoch);
        using var order = randperm(data.Count, generator: random.Generator);
        int count = data.Count, steps = t.StepsPerEpoch(count);
        var means = new LossMeans();
        reporter.EpochStarted();

        for (int step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int start = step * t.BatchSize, batchSize = Math.Min(t.BatchSize, count - start);
            var batch = model.NetworkInput(data.Read(order.narrow(0, start, batchSize)).to(model.Device));
            var images = RandomAffine.Apply(batch, t.AugmentTranslate, t.AugmentScaleMin, t.AugmentScaleMax, random.Generator);
            bool trainGenerator = step % t.CriticSteps == 0;
            var stepLosses = TrainStep(model, optimizers, images, trainGenerator);
            means.Add(stepLosses, trainGenerator);
            reporter.Step(epoch, step + 1, steps, start + batchSize, count, stepLosses, learningRate);
        }
        model.Generator.Inpainting.ForgetWindowVectors();
        reporter.EpochEnded(epoch, steps, count, means.Mean, learningRate);
    }

    /// <summary>
    /// One optimisation step on augmented <paramref name="images"/>: the discriminator always, then the
    /// generator when <paramref name="trainGenerator"/>, after which the memory queues take in the batch.
    /// </summary>
    private TrainingLosses TrainStep(SimSidModel model, TrainingOptimizers optimizers, Tensor images, bool trainGenerator)
    {
        // A step that trains the discriminator only needs the student's reconstruction and no gradient through
        // the generator: the teacher decoder, whose outputs only the generator's loss reads, is skipped, and no
        // graph is recorded. The student path runs as in a full pass (batch statistics, the same random masks).
        GeneratorOutput? output = null;
        Tensor reconstruction;
        if (trainGenerator) reconstruction = (output = model.Generator.call(images)).Reconstruction;
        else
        {
            using var _ = no_grad();
            reconstruction = model.Generator.Reconstruct(images);
        }

        optimizers.Discriminator.zero_grad();
        var discriminatorLoss = losses.Discriminator(model.Discriminator, images, reconstruction);
        discriminatorLoss.backward();
        optimizers.Discriminator.step();
        double discriminatorValue = discriminatorLoss.item<float>();
        if (!trainGenerator) return new TrainingLosses(0, 0, 0, 0, discriminatorValue);

        var generatorLoss = losses.Generator(model.Discriminator, output!, images);
        optimizers.Generator.zero_grad();
        generatorLoss.Total.backward();
        optimizers.Generator.step();
        model.Generator.Inpainting.WriteQueues();
        return generatorLoss.Values(discriminatorValue);
    }

    private void WriteCheckpoint(SimSidModel model, TrainingRunState state, TrainingOptimizers optimizers, TrainingReporter reporter)
    {
        var snapshot = state.Snapshot(optimizers);
        ModelFile.WriteAtomically(CheckpointPath!, stream => ModelFile.Write(stream, model, snapshot));
        reporter.CheckpointWritten(CheckpointPath!, state);
    }

    /// <summary>The seed of every random draw in an epoch (epoch 0: calibration), so resuming at an epoch boundary replays exactly.</summary>
    internal static long EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003L + epoch * 7_919L + 17);
}
