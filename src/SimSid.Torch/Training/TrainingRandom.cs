using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// Where a training run's random draws come from: a generator of the run's own, seeded for each epoch
/// (<see cref="SimSidTrainer.EpochSeed"/>), never torch's process-wide generator. So a seeded run gives the
/// same model whatever else the process does with torch — concurrent trainings, tests run in parallel —
/// and resuming at an epoch boundary replays the same draws. While a scope is open on a thread, the
/// network's training-time draws on that thread (masked shortcuts, dropout) use its generator too.
/// </summary>
internal sealed class TrainingRandom : IDisposable
{
    [ThreadStatic]
    private static TrainingRandom? current;

    private readonly TrainingRandom? previous;

    private TrainingRandom(long seed)
    {
        Generator = new Generator(0, CPU).manual_seed(seed);
        previous = current;
        current = this;
    }

    /// <summary>The generator of this scope.</summary>
    public Generator Generator { get; }

    /// <summary>The generator of the innermost scope open on this thread; null outside training (torch's own is used then).</summary>
    public static Generator? Current => current?.Generator;

    /// <summary>Opens the scope of <paramref name="epoch"/>'s draws (epoch 0: calibration) for a run seeded with <paramref name="seed"/>.</summary>
    public static TrainingRandom ForEpoch(int seed, int epoch) => new(SimSidTrainer.EpochSeed(seed, epoch));

    /// <inheritdoc/>
    public void Dispose()
    {
        current = previous;
        Generator.Dispose();
    }
}
