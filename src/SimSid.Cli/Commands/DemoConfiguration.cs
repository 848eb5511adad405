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

    /// <summary>SimSID's options for the demo: the CPU recipe, on <paramref name="device"/> when given.</summary>
    public static SimSidOptions Options(string? device) =>
        (device is null ? SimSidPresets.Cpu : SimSidPresets.Cpu with { Device = device }).Validate();
}
