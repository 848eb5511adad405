using MathNet.Numerics.Statistics;

namespace SimSid.Torch;

/// <summary>
/// Mean and standard deviation of the raw scores of training images for each scoring mode — the
/// discriminator's logits on their reconstructions under both normalisations, their reconstruction
/// errors and their patch-memory distances. They standardise every score: <c>z = (raw - mean) / (std + 1e-8)</c>,
/// then <c>score = 1 - sigmoid(z)</c> for the discriminator modes (a low logit means "unreal") and
/// <c>score = sigmoid(z)</c> for the reconstruction error and the patch memory.
/// </summary>
/// <param name="PerImage">Logit statistics of <see cref="ScoringMode.Paper"/>.</param>
/// <param name="RunningStatistics">Logit statistics of <see cref="ScoringMode.DiscriminatorEvalMode"/>.</param>
/// <param name="ImageCount">Number of training images the statistics come from.</param>
/// <param name="ReconstructionError">Statistics of <see cref="ScoringMode.ReconstructionError"/>; null in models calibrated before that mode existed.</param>
/// <param name="PatchMemory">
/// Statistics of <see cref="ScoringMode.PatchMemory"/>: of the first remembered images' distances to the other
/// remembered images; null in models calibrated before that mode existed.
/// </param>
/// <param name="FeatureMemory">
/// Statistics of <see cref="ScoringMode.FeatureMemory"/>, as for the patch memory; null when the model was
/// calibrated without the pretrained weights or before that mode existed.
/// </param>
/// <param name="Memories">
/// Statistics of <see cref="ScoringMode.Memories"/>, of the same remembered images; null when either memory's are.
/// </param>
/// <param name="FeatureMemoryMean">
/// Statistics of <see cref="ScoringMode.FeatureMemoryMean"/>, as for the feature memory; null when its are, or in models
/// calibrated before that mode existed.
/// </param>
/// <param name="FocalAndDiffuse">
/// Statistics of <see cref="ScoringMode.FocalAndDiffuse"/>, of the same remembered images; null when either part's are, or in
/// models calibrated before that mode existed.
/// </param>
public sealed record ScoreCalibration(LogitStatistics PerImage, LogitStatistics RunningStatistics, int ImageCount,
    LogitStatistics? ReconstructionError = null, LogitStatistics? PatchMemory = null, LogitStatistics? FeatureMemory = null,
    LogitStatistics? Memories = null, LogitStatistics? FeatureMemoryMean = null, LogitStatistics? FocalAndDiffuse = null)
{
    /// <summary>The statistics of <paramref name="mode"/>.</summary>
    /// <exception cref="InvalidOperationException">The model was calibrated without that mode's statistics.</exception>
    public LogitStatistics For(ScoringMode mode) => mode switch
    {
        ScoringMode.Paper => PerImage,
        ScoringMode.DiscriminatorEvalMode => RunningStatistics,
        ScoringMode.ReconstructionError => ReconstructionError ?? throw CalibratedBefore(mode),
        ScoringMode.PatchMemory => PatchMemory ?? throw CalibratedBefore(mode),
        ScoringMode.FeatureMemory => FeatureMemory ?? throw CalibratedBefore(mode),
        ScoringMode.FeatureMemoryMean => FeatureMemoryMean ?? throw CalibratedBefore(mode),
        ScoringMode.FocalAndDiffuse => FocalAndDiffuse ?? throw CalibratedBefore(mode),
        _ => Memories ?? throw CalibratedBefore(mode),
    };

    /// <summary>True when <paramref name="mode"/> can score with this calibration.</summary>
    public bool Supports(ScoringMode mode) => mode switch
    {
        ScoringMode.ReconstructionError => ReconstructionError is not null,
        ScoringMode.PatchMemory => PatchMemory is not null,
        ScoringMode.FeatureMemory => FeatureMemory is not null,
        ScoringMode.Memories => Memories is not null,
        ScoringMode.FeatureMemoryMean => FeatureMemoryMean is not null,
        ScoringMode.FocalAndDiffuse => FocalAndDiffuse is not null,
        _ => true,
    };

    private static InvalidOperationException CalibratedBefore(ScoringMode mode) => new(
        $"This model was calibrated without the {mode.Describe()} (before it existed, or without its pretrained weights); re-calibrate it (simsid import, or Calibration.Calibrate) or score it in the paper's mode.");

    /// <summary>The anomaly score (1 = anomalous) of a raw score under <paramref name="mode"/>.</summary>
    public double Score(double raw, ScoringMode mode)
    {
        double z = mode.AnomalySign() * For(mode).Standardise(raw);
        return 1.0 / (1.0 + Math.Exp(-z));
    }
}

/// <summary>Mean and population standard deviation of a set of raw scores.</summary>
public sealed record LogitStatistics(double Mean, double Std)
{
    private const double StdEpsilon = 1e-8;

    /// <summary>How many standard deviations <paramref name="raw"/> lies above the mean: <c>(raw - mean) / (std + 1e-8)</c>.</summary>
    public double Standardise(double raw) => (raw - Mean) / (Std + StdEpsilon);

    /// <summary><see cref="Standardise(double)"/> of every element.</summary>
    public TorchSharp.torch.Tensor Standardise(TorchSharp.torch.Tensor raw)
    {
        // A model's own statistics, not a small set of constants: scoped scalars, freed here.
        using var mean = HeldScalars.Scoped(Mean);
        using var spread = HeldScalars.Scoped(Std + StdEpsilon);
        return raw.sub(mean).div_(spread);
    }

    /// <summary>Statistics of <paramref name="values"/>.</summary>
    public static LogitStatistics Of(IReadOnlyCollection<double> values) =>
        new(Statistics.Mean(values), Statistics.PopulationStandardDeviation(values));
}
