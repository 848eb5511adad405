using System.Diagnostics;
using SimSid.Torch.Training;

namespace SimSid.Torch.Benchmarks;

/// <summary>Measured speed of one preset on this machine.</summary>
/// <param name="Preset">The preset measured.</param>
/// <param name="Device">The compute device.</param>
/// <param name="Threads">Torch's intra-op threads.</param>
/// <param name="BatchSize">Images per training step and per scoring batch.</param>
/// <param name="GeneratorStepSeconds">Mean time of a step that trains discriminator and generator.</param>
/// <param name="DiscriminatorStepSeconds">Mean time of a step that trains the discriminator only.</param>
/// <param name="MeanStepSeconds">Mean time over all measured steps (with CriticSteps = 2, half of each kind).</param>
/// <param name="MeasuredSteps">Steps measured (after warm-up).</param>
/// <param name="ScoringImagesPerSecond">Scoring throughput (generator + discriminator) at <paramref name="BatchSize"/>.</param>
/// <param name="SingleImageSeconds">Scoring latency of one image alone (the median of 32).</param>
/// <param name="GeneratorParameters">Generator parameters.</param>
/// <param name="Kernels">The CPU convolution kernels of the run, in words (<see cref="NativeKernels.Summary"/>).</param>
/// <param name="ManagedCode">How .NET compiled the run's own code, in words (<see cref="ManagedJit.Summary"/>).</param>
public sealed record BenchmarkResult(string Preset, string Device, int Threads, int BatchSize,
    double GeneratorStepSeconds, double DiscriminatorStepSeconds, double MeanStepSeconds, int MeasuredSteps,
    double ScoringImagesPerSecond, double SingleImageSeconds, long GeneratorParameters, string Kernels, string ManagedCode);

/// <summary>
/// Times the real training loop and the real scorer of a preset on random images: training steps are
/// timed between the trainer's own step reports (the first steps are warm-up and not counted), scoring
/// through <see cref="SimSidModel.Score"/>.
/// </summary>
public static class SimSidBenchmark
{

    /// <summary>Runs the benchmark.</summary>
    /// <param name="options">The preset (and device) to measure; training length and calibration are overridden.</param>
    /// <param name="steps">Training steps to time (an even number is best: half of them train the generator).</param>
    /// <param name="warmupSteps">Steps run before timing starts.</param>
    /// <param name="scoringBatches">Batches scored for the throughput.</param>
    /// <param name="log">Receives a line per phase.</param>
    public static BenchmarkResult Run(SimSidOptions options, int steps = 6, int warmupSteps = 2, int scoringBatches = 4, Action<string>? log = null)
    {
        int batch = options.Training.BatchSize, size = options.InputSize;
        int trainImages = (steps + warmupSteps) * batch;
        var benchOptions = options with
        {
            Training = options.Training with { Epochs = 1, ValidationInterval = 1, EarlyStoppingPatience = null },
            Scoring = options.Scoring with { CalibrationImages = Math.Max(2, Math.Min(batch, trainImages)), BatchSize = batch },
        };
        var random = new Random(1);
        var images = Enumerable.Range(0, Math.Max(trainImages, batch * scoringBatches))
            .Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray()).ToList();

        var timer = new StepTimer(warmupSteps);
        log?.Invoke($"training {steps + warmupSteps} steps of {batch} images ({warmupSteps} warm-up)...");
        using var model = new SimSidTrainer(benchOptions) { Progress = timer }.Fit(images.Take(trainImages).ToList());

        log?.Invoke($"scoring {scoringBatches} batches of {batch} images and single images...");
        model.Score(images.Take(batch).ToList());
        var clock = Stopwatch.StartNew();
        model.Score(images.Take(batch * scoringBatches).ToList());
        double throughput = batch * scoringBatches / clock.Elapsed.TotalSeconds;
        double single = SingleCalls.MedianSeconds(i => model.Score([images[i % images.Count]]));

        return new BenchmarkResult(options.Preset, options.Device, TorchSharp.torch.get_num_threads(), batch,
            Mean(timer.GeneratorSteps), Mean(timer.DiscriminatorSteps), Mean(timer.GeneratorSteps.Concat(timer.DiscriminatorSteps).ToList()),
            timer.GeneratorSteps.Count + timer.DiscriminatorSteps.Count, throughput, single,
            model.Generator.parameters().Sum(p => p.numel()), NativeKernels.Summary, ManagedJit.Summary);
    }

    private static double Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? double.NaN : values.Average();

    private sealed class StepTimer(int warmupSteps) : IProgress<TrainingProgress>
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        public List<double> GeneratorSteps { get; } = [];
        public List<double> DiscriminatorSteps { get; } = [];

        public void Report(TrainingProgress value)
        {
            if (value.Phase != TrainingPhase.Step) return;
            double seconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            if (value.Step <= warmupSteps) return;
            (value.Losses.Reconstruction > 0 ? GeneratorSteps : DiscriminatorSteps).Add(seconds);
        }
    }
}
