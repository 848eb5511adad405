using MathNet.Numerics.Statistics;

namespace SimSid.Torch;

/// <summary>
/// Mean and standard deviation of the raw scores of training images for each scoring mode — the
/// discriminator's logits on their reconstructions under both normalisations, and their reconstruction
/// errors. They standardise every score: <c>z = (raw - mean) / (std + 1e-8)</c>, then
/// <c>score = 1 - sigmoid(z)</c> for the discriminator modes (a low logit means "unreal") and
/// <c>score = sigmoid(z)</c> for the reconstruction error.
/// </summary>
/// <param name="PerImage">Logit statistics of <see cref="ScoringMode.Paper"/>.</param>
/// <param name="RunningStatistics">Logit statistics of <see cref="ScoringMode.DiscriminatorEvalMode"/>.</param>
/// <param name="ImageCount">Number of training images the statistics come from.</param>
/// <param name="ReconstructionError">Statistics of <see cref="ScoringMode.ReconstructionError"/>; null in models calibrated before that mode existed.</param>
public sealed record ScoreCalibration(LogitStatistics PerImage, LogitStatistics RunningStatistics, int ImageCount, LogitStatistics? ReconstructionError = null)
{
    private const double StdEpsilon = 1e-8;

    /// <summary>The statistics of <paramref name="mode"/>.</summary>
    /// <exception cref="InvalidOperationException">The model was calibrated without that mode's statistics.</exception>
    public LogitStatistics For(ScoringMode mode) => mode switch
    {
        ScoringMode.Paper => PerImage,
        ScoringMode.DiscriminatorEvalMode => RunningStatistics,
        _ => ReconstructionError ?? throw new InvalidOperationException(
            "This model was calibrated before the reconstruction-error score existed; re-calibrate it (simsid import, or Calibration.Calibrate) or score it in the paper's mode."),
    };

    /// <summary>True when <paramref name="mode"/> can score with this calibration.</summary>
    public bool Supports(ScoringMode mode) => mode != ScoringMode.ReconstructionError || ReconstructionError is not null;

    /// <summary>The anomaly score (1 = anomalous) of a raw score under <paramref name="mode"/>.</summary>
    public double Score(double raw, ScoringMode mode)
    {
        var s = For(mode);
        double z = mode.AnomalySign() * (raw - s.Mean) / (s.Std + StdEpsilon);
        return 1.0 / (1.0 + Math.Exp(-z));
    }
}

/// <summary>Mean and population standard deviation of a set of raw scores.</summary>
public sealed record LogitStatistics(double Mean, double Std)
{
    /// <summary>Statistics of <paramref name="values"/>.</summary>
    public static LogitStatistics Of(IReadOnlyCollection<double> values) =>
        new(Statistics.Mean(values), Statistics.PopulationStandardDeviation(values));
}
