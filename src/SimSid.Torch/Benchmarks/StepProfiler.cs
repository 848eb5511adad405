using System.Diagnostics;
using SimSid.Torch.Training;
using static TorchSharp.torch;

namespace SimSid.Torch.Benchmarks;

/// <summary>Where one module's share of a training step goes.</summary>
/// <param name="Module">The module, as the paper names it.</param>
/// <param name="Depth">0 for a network, 1 for its parts, 2 for parts of those; a row's time includes its children's.</param>
/// <param name="CallsPerStep">Forward calls per step, summed over the module's instances (e.g. one memory per window).</param>
/// <param name="ForwardSeconds">Forward time per step, measured inside the real steps (for the generator: the sum of its parts').</param>
/// <param name="BackwardSeconds">
/// Backward time per step: one backward pass through each instance, replayed alone on the inputs it had in a real step,
/// times the calls per step whose loss back-propagates through it (the generator's on generator steps only).
/// </param>
public sealed record ModuleTime(string Module, int Depth, double CallsPerStep, double ForwardSeconds, double BackwardSeconds)
{
    /// <summary>Forward and backward together.</summary>
    public double TotalSeconds => ForwardSeconds + BackwardSeconds;
}

/// <summary>Where a training step's time goes, per module and forward vs backward.</summary>
/// <param name="Preset">The preset profiled.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="MeasuredSteps">Steps measured after warm-up (half of them also train the generator).</param>
/// <param name="StepSeconds">Mean time of a measured step.</param>
/// <param name="Modules">The modules, networks first, each followed by its parts.</param>
/// <param name="RestSeconds">
/// The step's time outside both networks' forward and backward passes: losses, optimiser updates, augmentation,
/// memory-queue writes (and any difference between a replayed backward pass and the real one).
/// </param>
public sealed record StepProfile(string Preset, int BatchSize, int MeasuredSteps, double StepSeconds, IReadOnlyList<ModuleTime> Modules, double RestSeconds);

/// <summary>
/// Profiles the real training loop of a preset on random images. Forward passes are timed in place by hooks
/// on each module; backward passes cannot be split by module inside one autograd call, so each module's is
/// replayed alone after training (inputs captured from a real step, gradient flowing into the inputs that
/// needed it there) and counted as often as the real steps back-propagate through that module.
/// </summary>
public static class StepProfiler
{
    /// <summary>Profiles <paramref name="options"/>' training step.</summary>
    /// <param name="options">The preset (and device) to profile; training length and calibration are overridden.</param>
    /// <param name="steps">Steps measured (half of them train the generator).</param>
    /// <param name="warmupSteps">Steps run before measuring starts; the first one captures the replay inputs.</param>
    /// <param name="replays">Backward replays per module instance; the median is kept.</param>
    /// <param name="log">Receives a line per phase.</param>
    public static StepProfile Run(SimSidOptions options, int steps = 6, int warmupSteps = 2, int replays = 3, Action<string>? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replays, 1);
        int batch = options.Training.BatchSize, size = options.InputSize, count = (steps + warmupSteps) * batch;
        var profileOptions = options with
        {
            Training = options.Training with { Epochs = 1, ValidationInterval = 1, EarlyStoppingPatience = null },
            Scoring = options.Scoring with { CalibrationImages = Math.Max(2, Math.Min(batch, count)), BatchSize = batch, FeatureMemory = false },
        };
        var random = new Random(1);
        var images = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray()).ToList();

        ModuleProbes? probes = null;
        var clock = new StepClock(warmupSteps, () => probes!);
        log?.Invoke($"training {steps + warmupSteps} steps of {batch} images ({warmupSteps} warm-up), forward passes timed in place...");
        var trainer = new SimSidTrainer(profileOptions) { Progress = clock, ModelCreated = model => probes = new ModuleProbes(model) };
        using var model = trainer.Fit(images);

        log?.Invoke($"replaying each module's backward pass {replays} times...");
        model.Generator.train();
        model.Discriminator.train();
        var rows = probes!.Rows(clock.Measured, replays);
        probes.Dispose();
        double step = clock.Seconds.Average();
        double attributed = rows.Where(r => r.Depth == 0).Sum(r => r.TotalSeconds);
        return new StepProfile(options.Preset, batch, clock.Measured, step, rows, step - attributed);
    }

    /// <summary>Times the measured steps and tells the probes when a step ends and whether it trained the generator.</summary>
    private sealed class StepClock(int warmupSteps, Func<ModuleProbes> probes) : IProgress<TrainingProgress>
    {
        private readonly Stopwatch stopwatch = Stopwatch.StartNew();
        public List<double> Seconds { get; } = [];
        public int Measured => Seconds.Count;

        public void Report(TrainingProgress value)
        {
            // Only the steps are measured, not the validation and calibration after them.
            if (value.Phase != TrainingPhase.Step)
            {
                probes().Measuring = false;
                return;
            }
            double seconds = stopwatch.Elapsed.TotalSeconds;
            bool measured = value.Step > warmupSteps;
            if (measured) Seconds.Add(seconds);
            probes().StepEnded(measured, trainedGenerator: value.Losses.Reconstruction > 0);
            probes().Measuring = value.Step >= warmupSteps;
            stopwatch.Restart();
        }
    }
}
