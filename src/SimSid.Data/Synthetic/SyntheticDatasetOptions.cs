namespace SimSid.Data.Synthetic;

/// <summary>
/// What <see cref="SyntheticDatasetWriter"/> writes. The defaults give 1,000 normal training
/// images, 50 + 50 validation and 200 + 200 test images at 256 px, abnormal cases spread evenly
/// over the five findings and three severities.
/// </summary>
public sealed record SyntheticDatasetOptions
{
    /// <summary>Seed of the whole set; each image's seed is derived from it, its split and its index.</summary>
    public ulong Seed { get; init; } = 2024;

    /// <summary>Side of the written images in pixels.</summary>
    public int ImageSize { get; init; } = 256;

    /// <summary>Normal training images.</summary>
    public int TrainNormal { get; init; } = 1000;

    /// <summary>Normal validation images.</summary>
    public int ValidationNormal { get; init; } = 50;

    /// <summary>Abnormal validation images.</summary>
    public int ValidationAbnormal { get; init; } = 50;

    /// <summary>Normal test images.</summary>
    public int TestNormal { get; init; } = 200;

    /// <summary>Abnormal test images.</summary>
    public int TestAbnormal { get; init; } = 200;

    /// <summary>Findings the abnormal images cycle through (default: all five).</summary>
    public IReadOnlyList<SyntheticFinding> Findings { get; init; } =
    [
        SyntheticFinding.Consolidation, SyntheticFinding.Nodule, SyntheticFinding.PleuralEffusion,
        SyntheticFinding.Cardiomegaly, SyntheticFinding.Pneumothorax,
    ];

    /// <summary>Images rendered at once; -1 (the default) uses every core. The output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ImageSize < 16)
        {
            throw new ArgumentException($"ImageSize must be at least 16 pixels, not {ImageSize}.");
        }

        foreach (var (name, count) in new[]
        {
            (nameof(TrainNormal), TrainNormal), (nameof(ValidationNormal), ValidationNormal),
            (nameof(ValidationAbnormal), ValidationAbnormal), (nameof(TestNormal), TestNormal), (nameof(TestAbnormal), TestAbnormal),
        })
        {
            if (count < 1)
            {
                throw new ArgumentException($"{name} must be at least 1 (every split needs images), not {count}.");
            }
        }

        if (Findings is null || Findings.Count == 0 || Findings.Contains(SyntheticFinding.None))
        {
            throw new ArgumentException("Findings must list at least one finding, and not None.");
        }
    }
}
