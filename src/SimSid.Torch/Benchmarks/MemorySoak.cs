using System.Diagnostics;
using MathNet.Numerics.Statistics;
using SimSid.Torch.Training;
using TorchSharp;

namespace SimSid.Torch.Benchmarks;

/// <summary>Process memory and live tensors at one point of a soak run.</summary>
/// <param name="Step">Training steps done (images scored, in the scoring part).</param>
/// <param name="ResidentMiB">Resident set size of the process.</param>
/// <param name="LiveTensors">Tensors alive on the training thread.</param>
public sealed record MemorySample(int Step, double ResidentMiB, long LiveTensors);

/// <summary>The outcome of a soak run.</summary>
/// <param name="Preset">The preset.</param>
/// <param name="Steps">Training steps run.</param>
/// <param name="Samples">Memory every sampling interval.</param>
/// <param name="Trend">
/// Relative change of the resident size from the first quarter of the samples to the last (medians), the
/// measure of a leak; transient allocator peaks do not move it.
/// </param>
/// <param name="MaxExcursion">Largest relative distance of any sample from the first quarter's median.</param>
/// <param name="LiveTensorsChange">Live tensors at the last sample minus at the first.</param>
/// <param name="Checkpoints">Checkpoints written (each after a calibration), one per epoch.</param>
/// <param name="Validations">Validation passes run, one per epoch.</param>
/// <param name="Scoring">The trained model scoring one image at a time afterwards, as a service would.</param>
public sealed record MemorySoakResult(string Preset, int Steps, IReadOnlyList<MemorySample> Samples, double Trend, double MaxExcursion, long LiveTensorsChange,
    int Checkpoints, int Validations, ScoringSoakResult Scoring);

/// <summary>The scoring part of a soak run: single images scored in every mode the model holds a threshold for.</summary>
/// <param name="Images">Images scored, one call each.</param>
/// <param name="Modes">The modes each call scored in.</param>
/// <param name="Samples">Memory every sampling interval.</param>
/// <param name="Trend">As <see cref="MemorySoakResult.Trend"/>.</param>
/// <param name="MaxExcursion">As <see cref="MemorySoakResult.MaxExcursion"/>.</param>
/// <param name="LiveTensorsChange">Live tensors at the last sample minus at the first.</param>
public sealed record ScoringSoakResult(int Images, IReadOnlyList<ScoringMode> Modes, IReadOnlyList<MemorySample> Samples, double Trend, double MaxExcursion,
    long LiveTensorsChange);

/// <summary>
/// Trains for many steps as <c>simsid train</c> does — validating, calibrating and writing a checkpoint
/// every epoch — and then scores as many single images with the trained model, sampling the process's
/// resident memory and the live tensor count, to show that every tensor of a step, a validation, a
/// calibration and a scoring call is disposed: memory must stay flat.
/// </summary>
public static class MemorySoak
{
    /// <summary>
    /// Runs about <paramref name="steps"/> training steps on random images, validating on random labelled
    /// images and checkpointing to a temporary file (deleted afterwards) every epoch; then scores
    /// <paramref name="steps"/> random images one call each, in every mode the trained model holds a threshold for.
    /// </summary>
    /// <param name="options">The preset to soak.</param>
    /// <param name="steps">Training steps, and images scored afterwards.</param>
    /// <param name="sampleEvery">Steps (images) between samples; the first sample is the baseline the drift is measured from.</param>
    /// <param name="log">Receives each training sample.</param>
    /// <param name="scoringLog">Receives each scoring sample.</param>
    public static MemorySoakResult Run(SimSidOptions options, int steps = 2000, int sampleEvery = 100, Action<MemorySample>? log = null,
        Action<MemorySample>? scoringLog = null)
    {
        if (steps < 4 * sampleEvery) throw new ArgumentException($"A soak needs at least 4 samples: run at least {4 * sampleEvery} steps.", nameof(steps));
        int batch = options.Training.BatchSize, stepsPerEpoch = 20, size = options.InputSize;
        var random = new Random(3);
        List<float[]> RandomImages(int count) => Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var images = RandomImages(stepsPerEpoch * batch);
        var validationImages = RandomImages(2 * batch);
        var validation = new LabeledImages(validationImages, validationImages.Select((_, i) => i % 2 == 1).ToList());
        var soakOptions = options with
        {
            // The steps asked for, whatever bound the preset sets on a run's steps (the cpu recipe's MaxSteps).
            Training = options.Training with { Epochs = (steps + stepsPerEpoch - 1) / stepsPerEpoch, MaxSteps = null, EarlyStoppingPatience = null, ValidationInterval = 1 },
            Scoring = options.Scoring with { CalibrationImages = batch },
        };
        var sampler = new Sampler(sampleEvery, stepsPerEpoch, log);
        string checkpoint = Path.Combine(Path.GetTempPath(), $"simsid-soak-{Guid.NewGuid():N}.simsid");
        ScoringSoakResult scoring;
        try
        {
            var trainer = new SimSidTrainer(soakOptions) { Progress = sampler, CheckpointPath = checkpoint, CheckpointInterval = 1 };
            using var model = trainer.Fit(images, validation);
            scoring = Score(model, RandomImages(64), steps, sampleEvery, scoringLog);
        }
        finally
        {
            File.Delete(checkpoint);
            File.Delete(checkpoint + ".partial");
        }
        var samples = sampler.Samples;
        var (trend, excursion, liveTensorsChange) = Drift(samples);
        return new MemorySoakResult(options.Preset, samples[^1].Step, samples, trend, excursion, liveTensorsChange,
            sampler.Checkpoints, sampler.Validations, scoring);
    }

    private static ScoringSoakResult Score(SimSidModel model, IReadOnlyList<float[]> images, int count, int sampleEvery, Action<MemorySample>? log)
    {
        var modes = model.Thresholds!.Keys.Order().ToList();
        var samples = new List<MemorySample>();
        for (int scored = 1; scored <= count; scored++)
        {
            model.ScoreEach([images[scored % images.Count]], modes);
            if (scored % sampleEvery == 0) Sample(scored, samples, log);
        }
        var (trend, excursion, liveTensorsChange) = Drift(samples);
        return new ScoringSoakResult(count, modes, samples, trend, excursion, liveTensorsChange);
    }

    /// <summary>Adds the process's memory and live tensors at <paramref name="step"/> to <paramref name="samples"/>, and logs it.</summary>
    private static void Sample(int step, List<MemorySample> samples, Action<MemorySample>? log)
    {
        using var process = Process.GetCurrentProcess();
        var sample = new MemorySample(step, process.WorkingSet64 / (1024.0 * 1024.0), DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        samples.Add(sample);
        log?.Invoke(sample);
    }

    /// <summary>
    /// The resident size's relative change from the first quarter of the samples to the last (medians), its largest distance
    /// from the first quarter's, and the live tensors' change from the first sample to the last.
    /// </summary>
    private static (double Trend, double MaxExcursion, long LiveTensorsChange) Drift(IReadOnlyList<MemorySample> samples)
    {
        int quarter = samples.Count / 4;
        double first = Statistics.Median(samples.Take(quarter).Select(s => s.ResidentMiB));
        double last = Statistics.Median(samples.Skip(samples.Count - quarter).Select(s => s.ResidentMiB));
        return ((last - first) / first, samples.Max(s => Math.Abs(s.ResidentMiB - first)) / first, samples[^1].LiveTensors - samples[0].LiveTensors);
    }

    private sealed class Sampler(int every, int stepsPerEpoch, Action<MemorySample>? log) : IProgress<TrainingProgress>
    {
        public List<MemorySample> Samples { get; } = [];

        public int Checkpoints { get; private set; }

        public int Validations { get; private set; }

        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Checkpoint) Checkpoints++;
            if (value.Phase == TrainingPhase.Validation) Validations++;
            if (value.Phase != TrainingPhase.Step) return;
            int step = (value.Epoch - 1) * stepsPerEpoch + value.Step;
            if (step % every == 0) Sample(step, Samples, log);
        }
    }
}
