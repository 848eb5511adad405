using System.Diagnostics;
using SimSid.Torch.Training;
using TorchSharp;

namespace SimSid.Torch.Benchmarks;

/// <summary>Process memory and live tensors at one point of a soak run.</summary>
/// <param name="Step">Training steps done.</param>
/// <param name="ResidentMiB">Resident set size of the process.</param>
/// <param name="LiveTensors">Tensors alive on the training thread.</param>
public sealed record MemorySample(int Step, double ResidentMiB, long LiveTensors);

/// <summary>The outcome of a soak run.</summary>
/// <param name="Preset">The preset.</param>
/// <param name="Steps">Training steps run.</param>
/// <param name="Samples">Memory every sampling interval.</param>
/// <param name="Drift">Largest relative change of the resident size against the first sample after warm-up.</param>
public sealed record MemorySoakResult(string Preset, int Steps, IReadOnlyList<MemorySample> Samples, double Drift);

/// <summary>
/// Trains for many steps and samples the process's resident memory and the live tensor count, to show
/// that every per-step tensor is disposed: memory must stay flat.
/// </summary>
public static class MemorySoak
{
    /// <summary>Runs about <paramref name="steps"/> training steps on random images.</summary>
    /// <param name="options">The preset to soak.</param>
    /// <param name="steps">Training steps.</param>
    /// <param name="sampleEvery">Steps between samples; the first sample is the baseline the drift is measured from.</param>
    /// <param name="log">Receives each sample.</param>
    public static MemorySoakResult Run(SimSidOptions options, int steps = 2000, int sampleEvery = 100, Action<MemorySample>? log = null)
    {
        int batch = options.Training.BatchSize, stepsPerEpoch = 20, size = options.Network.ImageSize;
        var random = new Random(3);
        var images = Enumerable.Range(0, stepsPerEpoch * batch)
            .Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var soakOptions = options with
        {
            Training = options.Training with { Epochs = (steps + stepsPerEpoch - 1) / stepsPerEpoch, EarlyStoppingPatience = null },
            Scoring = options.Scoring with { CalibrationImages = batch },
        };
        var sampler = new Sampler(sampleEvery, stepsPerEpoch, log);
        using (new SimSidTrainer(soakOptions) { Progress = sampler }.Fit(images)) { }
        var samples = sampler.Samples;
        double baseline = samples.Count > 0 ? samples[0].ResidentMiB : double.NaN;
        double drift = samples.Count == 0 ? double.NaN : samples.Max(s => Math.Abs(s.ResidentMiB - baseline) / baseline);
        return new MemorySoakResult(options.Preset, samples.Count == 0 ? 0 : samples[^1].Step, samples, drift);
    }

    private sealed class Sampler(int every, int stepsPerEpoch, Action<MemorySample>? log) : IProgress<TrainingProgress>
    {
        public List<MemorySample> Samples { get; } = [];

        public void Report(TrainingProgress value)
        {
            if (value.Phase != TrainingPhase.Step) return;
            int step = (value.Epoch - 1) * stepsPerEpoch + value.Step;
            if (step % every != 0) return;
            using var process = Process.GetCurrentProcess();
            var sample = new MemorySample(step, process.WorkingSet64 / (1024.0 * 1024.0), DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            Samples.Add(sample);
            log?.Invoke(sample);
        }
    }
}
