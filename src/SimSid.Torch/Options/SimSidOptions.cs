using System.Text.RegularExpressions;
using static System.FormattableString;

namespace SimSid.Torch;

/// <summary>
/// Every hyperparameter of a SimSID detector: network architecture, training procedure, scoring,
/// the random seed and the compute device. Start from a preset (<see cref="SimSidPresets"/>) and
/// change what you need with <c>with</c> expressions.
/// </summary>
public sealed partial record SimSidOptions
{
    /// <summary>Name of the preset these options came from, or "custom".</summary>
    public string Preset { get; init; } = "custom";

    /// <summary>The network's architecture.</summary>
    public NetworkOptions Network { get; init; } = new();

    /// <summary>The training procedure.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Scoring and thresholding.</summary>
    public ScoringOptions Scoring { get; init; } = new();

    /// <summary>Seed of every random choice (initialisation, shuffling, augmentation, masks).</summary>
    public int Seed { get; init; } = 0;

    /// <summary>Compute device: "cpu" (default), "cuda" or "cuda:N".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Side of the images the model takes: <see cref="ScoringOptions.MemoryImageSize"/> when set, else the network's
    /// <see cref="NetworkOptions.ImageSize"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int InputSize => Scoring.MemoryImageSize ?? Network.ImageSize;

    /// <summary>Throws <see cref="SimSidOptionsException"/> listing every invalid value, if any.</summary>
    public SimSidOptions Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0) throw new SimSidOptionsException(problems);
        return this;
    }

    /// <summary>Every invalid value, each described with what to do about it.</summary>
    public IEnumerable<string> Problems()
    {
        var n = Network;
        if (n.ImageSize <= 0) yield return Invariant($"Network.ImageSize must be positive (got {n.ImageSize}).");
        if (n.FeaturesRoot <= 0) yield return Invariant($"Network.FeaturesRoot must be positive (got {n.FeaturesRoot}).");
        if (n.Levels < 1 || n.Levels > 8) yield return Invariant($"Network.Levels must be between 1 and 8 (got {n.Levels}).");
        if (n.PatchGrid < 1) yield return Invariant($"Network.PatchGrid must be at least 1 (got {n.PatchGrid}).");
        if (n.ImageSize > 0 && n.PatchGrid >= 1 && n.Levels is >= 1 and <= 8)
        {
            int unit = n.PatchGrid << n.Levels;
            if (n.ImageSize % unit != 0)
            {
                int lower = Math.Max(unit, n.ImageSize / unit * unit);
                yield return Invariant($"Network.ImageSize {n.ImageSize} is not divisible by PatchGrid x 2^Levels = {n.PatchGrid} x {1 << n.Levels} = {unit}; use a multiple of {unit} such as {lower} or {lower + unit}.");
            }
        }
        if (n.InitialCombine < 1 || n.InitialCombine > n.Levels)
            yield return Invariant($"Network.InitialCombine must be between 1 and Levels = {n.Levels} (got {n.InitialCombine}).");
        if (n.ConcatSkipStages < 0 || n.ConcatSkipStages > n.Levels)
            yield return Invariant($"Network.ConcatSkipStages must be between 0 and Levels = {n.Levels} (got {n.ConcatSkipStages}).");
        if (n.DecoderMemoryStages < 0 || n.DecoderMemoryStages > n.Levels - n.InitialCombine)
            yield return Invariant($"Network.DecoderMemoryStages must be between 0 and Levels - InitialCombine = {n.Levels - n.InitialCombine}: decoder memories run on windows, before they are stitched (got {n.DecoderMemoryStages}).");
        int memGrid = (int)Math.Round(Math.Sqrt(n.DecoderMemoryWindows));
        if (n.DecoderMemoryWindows < 1 || memGrid * memGrid != n.DecoderMemoryWindows)
            yield return Invariant($"Network.DecoderMemoryWindows must be a perfect square such as 1, 4 or 9 (got {n.DecoderMemoryWindows}).");
        else if (n.ImageSize % (n.PatchGrid << n.Levels) == 0)
        {
            for (int stage = 0; stage < n.DecoderMemoryStages; stage++)
            {
                int side = n.BottleneckSize << (stage + 1);
                if (side % memGrid != 0)
                    yield return Invariant($"Decoder stage {stage} has {side}x{side} window features, which cannot be cut into {memGrid}x{memGrid} memory sub-windows; change DecoderMemoryWindows or ImageSize.");
            }
        }
        if (n.DecoderMemorySlots < 1) yield return Invariant($"Network.DecoderMemorySlots must be at least 1 (got {n.DecoderMemorySlots}).");
        if (n.DecoderMemoryTopK < 1 || n.DecoderMemoryTopK > n.DecoderMemorySlots)
            yield return Invariant($"Network.DecoderMemoryTopK must be between 1 and DecoderMemorySlots = {n.DecoderMemorySlots} (got {n.DecoderMemoryTopK}).");
        if (n.InpaintingSlots < 1) yield return Invariant($"Network.InpaintingSlots must be at least 1 (got {n.InpaintingSlots}).");
        if (n.InpaintingTopK < 1 || n.InpaintingTopK > n.InpaintingSlots)
            yield return Invariant($"Network.InpaintingTopK must be between 1 and InpaintingSlots = {n.InpaintingSlots} (got {n.InpaintingTopK}).");
        if (n.FeaturesRoot > 0 && n.Levels is >= 1 and <= 8 && n.Width(n.Levels) % 4 != 0)
            yield return Invariant($"Network.FeaturesRoot x 2^Levels = {n.Width(n.Levels)} must be divisible by 4 (the in-painting bottleneck has a quarter of the channels).");
        if (n.AttentionHeads < 1) yield return Invariant($"Network.AttentionHeads must be at least 1 (got {n.AttentionHeads}).");
        else if (n.ImageSize % (n.PatchGrid << n.Levels) == 0 && n.FeaturesRoot > 0 && n.InpaintingChannels % n.AttentionHeads != 0)
            yield return Invariant($"The in-painting vector length {n.InpaintingChannels} must be divisible by Network.AttentionHeads = {n.AttentionHeads}.");
        if (!IsProbability(n.DecoderMemoryMaskRatio)) yield return Invariant($"Network.DecoderMemoryMaskRatio must be in [0, 1] (got {n.DecoderMemoryMaskRatio}).");
        if (!IsProbability(n.InpaintingMaskRatio)) yield return Invariant($"Network.InpaintingMaskRatio must be in [0, 1] (got {n.InpaintingMaskRatio}).");
        if (!(n.InpaintingDropout >= 0 && n.InpaintingDropout < 1)) yield return Invariant($"Network.InpaintingDropout must be in [0, 1) (got {n.InpaintingDropout}).");
        if (n.DiscriminatorLayers < 1) yield return Invariant($"Network.DiscriminatorLayers must be at least 1 (got {n.DiscriminatorLayers}).");
        else if (n.ImageSize > 0 && n.DiscriminatorLayers < 30 && n.ImageSize % (1 << (n.DiscriminatorLayers + 1)) != 0)
            yield return Invariant($"Network.ImageSize {n.ImageSize} must be divisible by 2^(DiscriminatorLayers + 1) = {1 << (n.DiscriminatorLayers + 1)} (the discriminator halves it that many times).");
        else if (n.ImageSize > 0 && n.DiscriminatorLayers < 30 && n.DiscriminatorOutputSize < 2 && Scoring.Mode == ScoringMode.Paper)
            yield return Invariant($"The discriminator's last feature map is {n.DiscriminatorOutputSize}x{n.DiscriminatorOutputSize}: per-image normalisation of a single pixel erases the image, so every score would be equal. Use fewer DiscriminatorLayers (at most {(int)Math.Log2(n.ImageSize) - 2} for ImageSize {n.ImageSize}) or another Scoring.Mode.");

        var t = Training;
        if (t.Epochs < 1) yield return Invariant($"Training.Epochs must be at least 1 (got {t.Epochs}).");
        if (t.BatchSize < 1) yield return Invariant($"Training.BatchSize must be at least 1 (got {t.BatchSize}).");
        if (t.MaxSteps is < 1) yield return Invariant($"Training.MaxSteps must be at least 1 when set (got {t.MaxSteps}).");
        if (!(t.LearningRate > 0)) yield return Invariant($"Training.LearningRate must be positive (got {t.LearningRate}).");
        if (!(t.DiscriminatorLearningRate > 0)) yield return Invariant($"Training.DiscriminatorLearningRate must be positive (got {t.DiscriminatorLearningRate}).");
        if (!(t.AdamBeta1 >= 0 && t.AdamBeta1 < 1)) yield return Invariant($"Training.AdamBeta1 must be in [0, 1) (got {t.AdamBeta1}).");
        if (!(t.AdamBeta2 >= 0 && t.AdamBeta2 < 1)) yield return Invariant($"Training.AdamBeta2 must be in [0, 1) (got {t.AdamBeta2}).");
        if (!(t.GeneratorAdamEpsilon > 0)) yield return Invariant($"Training.GeneratorAdamEpsilon must be positive (got {t.GeneratorAdamEpsilon}).");
        if (!(t.GeneratorWeightDecay >= 0)) yield return Invariant($"Training.GeneratorWeightDecay must be non-negative (got {t.GeneratorWeightDecay}).");
        if (t.CosineTMax < 1) yield return Invariant($"Training.CosineTMax must be at least 1 (got {t.CosineTMax}).");
        if (!(t.CosineEtaMin >= 0 && t.CosineEtaMin <= t.LearningRate)) yield return Invariant($"Training.CosineEtaMin must be in [0, LearningRate = {t.LearningRate}] (got {t.CosineEtaMin}).");
        if (t.CriticSteps < 1) yield return Invariant($"Training.CriticSteps must be at least 1 (got {t.CriticSteps}).");
        foreach (var (name, w) in new[] {
            ("ReconstructionWeight", t.ReconstructionWeight), ("TeacherReconstructionWeight", t.TeacherReconstructionWeight),
            ("DistillationWeight", t.DistillationWeight), ("AdversarialWeight", t.AdversarialWeight),
            ("DiscriminatorLossWeight", t.DiscriminatorLossWeight) })
            if (!(w >= 0) || double.IsInfinity(w)) yield return Invariant($"Training.{name} must be a finite non-negative number (got {w}).");
        if (!(t.AugmentTranslate >= 0 && t.AugmentTranslate < 0.5)) yield return Invariant($"Training.AugmentTranslate must be in [0, 0.5) (got {t.AugmentTranslate}).");
        if (!(t.AugmentScaleMin > 0 && t.AugmentScaleMin <= t.AugmentScaleMax))
            yield return Invariant($"Training.AugmentScaleMin must be positive and at most AugmentScaleMax (got {t.AugmentScaleMin} and {t.AugmentScaleMax}).");
        if (!(t.PositiveRatio > 0 && t.PositiveRatio <= 1)) yield return Invariant($"Training.PositiveRatio must be in (0, 1] (got {t.PositiveRatio}).");
        if (t.ValidationInterval < 1) yield return Invariant($"Training.ValidationInterval must be at least 1 (got {t.ValidationInterval}).");
        if (t.EarlyStoppingPatience is < 1) yield return Invariant($"Training.EarlyStoppingPatience must be at least 1 when set (got {t.EarlyStoppingPatience}).");

        var s = Scoring;
        if (s.CalibrationImages < 2) yield return Invariant($"Scoring.CalibrationImages must be at least 2 to estimate a standard deviation (got {s.CalibrationImages}).");
        if (!(s.ThresholdQuantile > 0 && s.ThresholdQuantile < 1)) yield return Invariant($"Scoring.ThresholdQuantile must be in (0, 1) (got {s.ThresholdQuantile}).");
        if (s.BatchSize < 1) yield return Invariant($"Scoring.BatchSize must be at least 1 (got {s.BatchSize}).");
        if (s.MemoryImageSize is int m && (m < n.ImageSize || n.ImageSize <= 0 || m % n.ImageSize != 0))
            yield return Invariant($"Scoring.MemoryImageSize {m} must be a multiple of Network.ImageSize {n.ImageSize} (such as {Math.Max(1, n.ImageSize) * 2}), or null for the network's size.");
        if (s.MemorySearchRadius is < 0 or > 8) yield return Invariant($"Scoring.MemorySearchRadius must be in [0, 8] places (got {s.MemorySearchRadius}).");
        if (s.MemoryBorder is < 0 or > 8) yield return Invariant($"Scoring.MemoryBorder must be in [0, 8] places (got {s.MemoryBorder}).");

        if (!DevicePattern().IsMatch(Device ?? ""))
            yield return Invariant($"Device must be \"cpu\", \"cuda\" or \"cuda:N\" (got \"{Device}\").");
    }

    private static bool IsProbability(double p) => p >= 0 && p <= 1;

    [GeneratedRegex(@"^(cpu|cuda(:\d+)?)$")]
    private static partial Regex DevicePattern();
}

/// <summary>Thrown when <see cref="SimSidOptions"/> hold invalid values; the message lists them all.</summary>
public sealed class SimSidOptionsException : ArgumentException
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public SimSidOptionsException(IReadOnlyList<string> problems)
        : base("Invalid SimSID options:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Each invalid value, described.</summary>
    public IReadOnlyList<string> Problems { get; }
}
