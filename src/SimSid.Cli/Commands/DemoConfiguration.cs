using SimSid.Data.Synthetic;
using SimSid.Torch;

namespace SimSid.Cli.Commands;

/// <summary>The main job's configuration: the synthetic set, and SimSID's CPU recipe (the <c>cpu</c> preset).</summary>
public static class DemoConfiguration
{
    /// <summary>The synthetic dataset the demo writes.</summary>
    public static SyntheticDatasetOptions Data { get; } = new()
    {
        TrainNormal = 1000, ValidationNormal = 50, ValidationAbnormal = 50, TestNormal = 200, TestAbnormal = 200,
    };

    /// <summary>Rank of the demo's PCA baseline.</summary>
    public const int BaselineRank = 20;

    /// <summary>
    /// Epochs the demo trains: 8 of the CPU recipe's 12, so that the whole demo (7 to 8 minutes on the README's
    /// 2-core machine) stays within 15 minutes on a machine twice as slow. The score it chooses, the feature
    /// memory, has no trained weights, so it does not depend on the epochs.
    /// </summary>
    public const int Epochs = 8;

    /// <summary>SimSID's options for the demo: the CPU recipe for <see cref="Epochs"/> epochs, on <paramref name="device"/> when given.</summary>
    public static SimSidOptions Options(string? device)
    {
        var recipe = SimSidPresets.Cpu with { Training = SimSidPresets.Cpu.Training with { Epochs = Epochs } };
        return (device is null ? recipe : recipe with { Device = device }).Validate();
    }
}
