using System.Diagnostics;
using System.Security.Cryptography;
using SimSid.Torch.Evaluation;
using SimSid.Torch.Persistence;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

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

    /// <summary>Creates a trainer for <paramref name="options"/> (validated).</summary>
    public SimSidTrainer(SimSidOptions options) => this.options = options.Validate();

    /// <summary>Receives progress reports (synchronously, on the training thread).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>When set, a resumable checkpoint is written there every <see cref="CheckpointInterval"/> epochs and at the end.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Epochs between checkpoints.</summary>
    public int CheckpointInterval { get; init; } = 1;

    /// <summary>Trains a new model on <paramref name="trainingImages"/> (row-major S x S pixels in [0, 1]).</summary>
    /// <param name="trainingImages">The training set: normal images (or contaminated on purpose, see PositiveRatio).</param>
    /// <param name="validation">Optional labelled images: validation AUC every ValidationInterval epochs, best model kept, best-F1 threshold.</param>
    /// <param name="cancellationToken">Stops between steps; the last checkpoint stays resumable.</param>
    public SimSidModel Fit(IReadOnlyList<float[]> trainingImages, LabeledImages? validation = null, CancellationToken cancellationToken = default)
    {
        var model = SimSidModel.Create(options);
        try
        {
            return Run(model, null, trainingImages, validation, cancellationToken);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues the training saved in <paramref name="checkpointPath"/> with these options (which may
    /// differ only in Epochs, EarlyStoppingPatience, Scoring and Device) on the same training images.
    /// A checkpoint written during training resumes exactly from its last completed epoch; the final
    /// checkpoint of a finished run holds the kept (best-validation) weights, so extending a finished
    /// run continues from those with the last epoch's optimizer state.
    /// </summary>
    /// <exception cref="ModelFileException">The checkpoint is unreadable, not a checkpoint, or from other options or data.</exception>
    public SimSidModel Resume(string checkpointPath, IReadOnlyList<float[]> trainingImages, LabeledImages? validation = null, CancellationToken cancellationToken = default)
    {
        using var stream = ModelFile.OpenRead(checkpointPath);
        var (model, snapshot) = ModelFile.Read(stream, checkpointPath, options.Device);
        try
        {
            if (snapshot is null)
                throw new ModelFileException($"\"{checkpointPath}\" is a finished model, not a training checkpoint: there is no optimizer state to resume from.");
            var differences = CheckpointCompatibility.Differences(model.Options, options).ToList();
            if (differences.Count > 0)
                throw new ModelFileException(
                    $"\"{checkpointPath}\" was trained with other options; resume with the same ones (only Epochs, EarlyStoppingPatience, Scoring and Device may change):{Environment.NewLine}" +
                    string.Join(Environment.NewLine, differences.Select(d => "  - " + d)));
            // Epochs, early stopping and scoring may change on resume: the run follows the requested options.
            model.Options = options;
            return Run(model, snapshot, trainingImages, validation, cancellationToken);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private SimSidModel Run(SimSidModel model, TrainingSnapshot? resumeFrom, IReadOnlyList<float[]> images, LabeledImages? validation, CancellationToken cancellationToken)
    {
        if (images.Count == 0) throw new ArgumentException("The training set is empty: give at least one normal image.", nameof(images));
        var t = options.Training;
        int size = options.Network.ImageSize;
        using var data = ImageTensors.FromPixels(images, size);
        string fingerprint = Fingerprint(data);
        if (resumeFrom is not null && (resumeFrom.ImageCount != images.Count || resumeFrom.DataFingerprint != fingerprint))
            throw new ModelFileException(
                $"The checkpoint was trained on {resumeFrom.ImageCount} other images; resume on the same training images in the same order (this run has {images.Count}).");
        using var validationData = validation is null ? null : ImageTensors.FromPixels(validation.Images, size);

        using var generatorOptimizer = optim.Adam(model.Generator.parameters(), t.LearningRate, t.AdamBeta1, t.AdamBeta2, t.GeneratorAdamEpsilon, t.GeneratorWeightDecay);
        using var discriminatorOptimizer = optim.Adam(model.Discriminator.parameters(), t.DiscriminatorLearningRate, t.AdamBeta1, t.AdamBeta2);
        var progress = new RunState { ImageCount = images.Count, Fingerprint = fingerprint };
        if (resumeFrom is not null) progress.Restore(resumeFrom, generatorOptimizer, discriminatorOptimizer);

        var clock = Stopwatch.StartNew();
        int firstEpoch = progress.EpochsCompleted + 1;
        for (int epoch = firstEpoch; epoch <= t.Epochs; epoch++)
        {
            double learningRate = CosineAnnealing.LearningRate(t, epoch);
            foreach (var group in generatorOptimizer.ParamGroups) group.LearningRate = learningRate;
            TrainEpoch(model, generatorOptimizer, discriminatorOptimizer, data, epoch, learningRate, clock, cancellationToken);
            progress.EpochsCompleted = epoch;
            model.EpochsTrained = epoch;

            bool stop = false;
            if (validationData is not null && (epoch % t.ValidationInterval == 0 || epoch == t.Epochs))
                stop = Validate(model, validationData, validation!.IsAbnormal, progress, epoch, clock);
            if (stop || epoch == t.Epochs) break;
            if (CheckpointPath is not null && epoch % CheckpointInterval == 0)
            {
                // Calibrated so that every checkpoint can also score; calibration runs in eval mode
                // and leaves the training state untouched.
                Calibration.Calibrate(model, data, validation: null);
                WriteCheckpoint(model, progress, generatorOptimizer, discriminatorOptimizer, clock);
            }
        }

        Report(TrainingPhase.Calibration, progress.EpochsCompleted, clock);
        if (progress.BestGenerator is not null)
        {
            ModelFile.LoadModule(model.Generator, progress.BestGenerator, "best model", "generator");
            ModelFile.LoadModule(model.Discriminator, progress.BestDiscriminator!, "best model", "discriminator");
        }
        Calibration.Calibrate(model, data, validation);
        if (CheckpointPath is not null) WriteCheckpoint(model, progress, generatorOptimizer, discriminatorOptimizer, clock);
        return model;
    }

    private void TrainEpoch(SimSidModel model, OptimizerHelper generatorOptimizer, OptimizerHelper discriminatorOptimizer,
        Tensor data, int epoch, double learningRate, Stopwatch clock, CancellationToken cancellationToken)
    {
        var t = options.Training;
        var generator = model.Generator;
        var discriminator = model.Discriminator;
        generator.train();
        discriminator.train();
        manual_seed(EpochSeed(options.Seed, epoch));
        using var order = randperm(data.shape[0]);
        int count = (int)data.shape[0], steps = (count + t.BatchSize - 1) / t.BatchSize;
        var sums = new double[5];
        int generatorSteps = 0;
        var epochClock = Stopwatch.StartNew();

        for (int step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int start = step * t.BatchSize, batchSize = Math.Min(t.BatchSize, count - start);
            var batch = data.index_select(0, order.narrow(0, start, batchSize)).to(model.Device);
            var images = RandomAffine.Apply(batch, t.AugmentTranslate, t.AugmentScaleMin, t.AugmentScaleMax);
            var output = generator.call(images);

            // Discriminator: images are real, reconstructions fake.
            discriminatorOptimizer.zero_grad();
            var real = discriminator.call(images);
            var fake = discriminator.call(output.Reconstruction.detach());
            var discriminatorLoss = t.DiscriminatorLossWeight *
                (F.binary_cross_entropy_with_logits(real, ones_like(real)) + F.binary_cross_entropy_with_logits(fake, zeros_like(fake)));
            discriminatorLoss.backward();
            discriminatorOptimizer.step();
            var losses = new TrainingLosses(0, 0, 0, 0, discriminatorLoss.item<float>());
            sums[4] += losses.Discriminator;

            if (step % t.CriticSteps == 0)
            {
                var reconstruction = t.ReconstructionWeight * F.mse_loss(output.Reconstruction, images);
                var judged = discriminator.call(output.Reconstruction);
                var adversarial = t.AdversarialWeight * F.binary_cross_entropy_with_logits(judged, ones_like(judged));
                var generatorLoss = reconstruction + adversarial;
                double teacherValue = 0, distillationValue = 0;
                if (output.TeacherReconstruction is not null)
                {
                    var teacher = t.TeacherReconstructionWeight * F.mse_loss(output.TeacherReconstruction, images);
                    var distillation = t.DistillationWeight * output.DistillationLoss!;
                    generatorLoss = generatorLoss + teacher + distillation;
                    teacherValue = teacher.item<float>();
                    distillationValue = distillation.item<float>();
                }
                generatorOptimizer.zero_grad();
                generatorLoss.backward();
                generatorOptimizer.step();
                generator.Inpainting.WriteQueues();

                losses = losses with
                {
                    Reconstruction = reconstruction.item<float>(), Adversarial = adversarial.item<float>(),
                    TeacherReconstruction = teacherValue, Distillation = distillationValue,
                };
                sums[0] += losses.Reconstruction;
                sums[1] += losses.TeacherReconstruction;
                sums[2] += losses.Distillation;
                sums[3] += losses.Adversarial;
                generatorSteps++;
            }

            if (Progress is not null)
            {
                double perImage = epochClock.Elapsed.TotalSeconds / (start + batchSize);
                int remainingImages = count - start - batchSize + (t.Epochs - epoch) * count;
                Progress.Report(new TrainingProgress
                {
                    Phase = TrainingPhase.Step, Epoch = epoch, Epochs = t.Epochs, Step = step + 1, StepsPerEpoch = steps,
                    Losses = losses, LearningRate = learningRate, ImagesPerSecond = 1 / perImage,
                    Elapsed = clock.Elapsed, Remaining = TimeSpan.FromSeconds(perImage * remainingImages),
                });
            }
        }
        generator.Inpainting.ForgetWindowVectors();

        if (Progress is not null)
        {
            int g = Math.Max(generatorSteps, 1);
            double seconds = epochClock.Elapsed.TotalSeconds;
            Progress.Report(new TrainingProgress
            {
                Phase = TrainingPhase.EpochEnd, Epoch = epoch, Epochs = t.Epochs, Step = steps, StepsPerEpoch = steps,
                Losses = new TrainingLosses(sums[0] / g, sums[1] / g, sums[2] / g, sums[3] / g, sums[4] / steps),
                LearningRate = learningRate, ImagesPerSecond = count / seconds, Elapsed = clock.Elapsed,
                Remaining = TimeSpan.FromSeconds(seconds * (t.Epochs - epoch)),
            });
        }
    }

    /// <summary>Validation AUC of the current model; updates the best model. Returns true to stop early.</summary>
    private bool Validate(SimSidModel model, Tensor validationData, IReadOnlyList<bool> isAbnormal, RunState progress, int epoch, Stopwatch clock)
    {
        // The score is monotone in the raw score, so the AUC of the oriented raw score is the AUC of the score.
        var mode = options.Scoring.Mode;
        var raw = Calibration.RawScores(model, validationData, mode)[0];
        double auc = RocCurve.Compute(raw.Select(r => mode.AnomalySign() * r).ToList(), isAbnormal).Auc;
        if (progress.BestAuc is null || auc > progress.BestAuc)
        {
            progress.BestAuc = auc;
            progress.BestEpoch = epoch;
            progress.ValidationsWithoutImprovement = 0;
            if (options.Training.KeepBestValidationEpoch)
            {
                progress.BestGenerator = ModelFile.ModuleBytes(model.Generator);
                progress.BestDiscriminator = ModelFile.ModuleBytes(model.Discriminator);
            }
        }
        else progress.ValidationsWithoutImprovement++;
        Progress?.Report(new TrainingProgress
        {
            Phase = TrainingPhase.Validation, Epoch = epoch, Epochs = options.Training.Epochs, ValidationAuc = auc,
            BestAuc = progress.BestAuc, BestEpoch = progress.BestEpoch, Elapsed = clock.Elapsed,
        });
        return options.Training.EarlyStoppingPatience is int patience && progress.ValidationsWithoutImprovement >= patience;
    }

    private void WriteCheckpoint(SimSidModel model, RunState progress, OptimizerHelper generatorOptimizer,
        OptimizerHelper discriminatorOptimizer, Stopwatch clock)
    {
        var snapshot = progress.Snapshot(generatorOptimizer, discriminatorOptimizer);
        ModelFile.WriteAtomically(CheckpointPath!, stream => ModelFile.Write(stream, model, snapshot));
        Progress?.Report(new TrainingProgress
        {
            Phase = TrainingPhase.Checkpoint, Epoch = progress.EpochsCompleted, Epochs = options.Training.Epochs, CheckpointPath = CheckpointPath,
            Elapsed = clock.Elapsed, BestAuc = progress.BestAuc, BestEpoch = progress.BestEpoch,
        });
    }

    private void Report(TrainingPhase phase, int epoch, Stopwatch clock) =>
        Progress?.Report(new TrainingProgress { Phase = phase, Epoch = epoch, Epochs = options.Training.Epochs, Elapsed = clock.Elapsed });

    /// <summary>The seed of every random draw in an epoch (epoch 0: calibration), so resuming at an epoch boundary replays exactly.</summary>
    internal static long EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003L + epoch * 7_919L + 17);

    private static string Fingerprint(Tensor data)
    {
        using var contiguous = data.contiguous();
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(contiguous.data<float>().ToArray().AsSpan());
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    /// <summary>Counters and best model of a run, and their conversion to and from a checkpoint.</summary>
    private sealed class RunState
    {
        public required int ImageCount { get; init; }
        public required string Fingerprint { get; init; }
        public int EpochsCompleted { get; set; }
        public double? BestAuc { get; set; }
        public int BestEpoch { get; set; }
        public int ValidationsWithoutImprovement { get; set; }
        public byte[]? BestGenerator { get; set; }
        public byte[]? BestDiscriminator { get; set; }

        public void Restore(TrainingSnapshot snapshot, OptimizerHelper generatorOptimizer, OptimizerHelper discriminatorOptimizer)
        {
            EpochsCompleted = snapshot.EpochsCompleted;
            BestAuc = snapshot.BestAuc;
            BestEpoch = snapshot.BestEpoch;
            ValidationsWithoutImprovement = snapshot.ValidationsWithoutImprovement;
            BestGenerator = snapshot.BestGenerator;
            BestDiscriminator = snapshot.BestDiscriminator;
            LoadOptimizer(generatorOptimizer, snapshot.GeneratorOptimizer, "generator");
            LoadOptimizer(discriminatorOptimizer, snapshot.DiscriminatorOptimizer, "discriminator");
        }

        public TrainingSnapshot Snapshot(OptimizerHelper generatorOptimizer, OptimizerHelper discriminatorOptimizer) => new()
        {
            EpochsCompleted = EpochsCompleted, ImageCount = ImageCount, DataFingerprint = Fingerprint,
            BestAuc = BestAuc, BestEpoch = BestEpoch, ValidationsWithoutImprovement = ValidationsWithoutImprovement,
            GeneratorOptimizer = OptimizerBytes(generatorOptimizer), DiscriminatorOptimizer = OptimizerBytes(discriminatorOptimizer),
            BestGenerator = BestGenerator, BestDiscriminator = BestDiscriminator,
        };

        private static byte[] OptimizerBytes(OptimizerHelper optimizer)
        {
            using var memory = new MemoryStream();
            using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
            return memory.ToArray();
        }

        private static void LoadOptimizer(OptimizerHelper optimizer, byte[] bytes, string what)
        {
            try
            {
                using var reader = new BinaryReader(new MemoryStream(bytes));
                optimizer.load_state_dict(reader);
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException)
            {
                throw new ModelFileException($"The checkpoint's {what} optimizer state does not fit this network ({e.Message}).", e);
            }
        }
    }
}
