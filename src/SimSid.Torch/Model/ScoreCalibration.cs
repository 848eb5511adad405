using MathNet.Numerics.Statistics;

namespace SimSid.Torch;

/// <summary>
/// Mean and standard deviation of the discriminator's logits on reconstructions of training images,
/// for each normalisation mode; they standardise every score: <c>score = 1 - sigmoid((logit - mean) / (std + 1e-8))</c>.
/// </summary>
public sealed record ScoreCalibration(LogitStatistics PerImage, LogitStatistics RunningStatistics, int ImageCount)
{
    private const double StdEpsilon = 1e-8;

    /// <summary>The statistics of <paramref name="mode"/>.</summary>
    public LogitStatistics For(DiscriminatorNormalization mode) =>
        mode == DiscriminatorNormalization.PerImage ? PerImage : RunningStatistics;

    /// <summary>The anomaly score (1 = anomalous) of a logit under <paramref name="mode"/>.</summary>
    public double Score(double logit, DiscriminatorNormalization mode)
    {
        var s = For(mode);
        double z = (logit - s.Mean) / (s.Std + StdEpsilon);
        return 1.0 - 1.0 / (1.0 + Math.Exp(-z));
    }
}

/// <summary>Mean and population standard deviation of a set of logits.</summary>
public sealed record LogitStatistics(double Mean, double Std)
{
    /// <summary>Statistics of <paramref name="logits"/>.</summary>
    public static LogitStatistics Of(IReadOnlyCollection<double> logits) =>
        new(Statistics.Mean(logits), Statistics.PopulationStandardDeviation(logits));
}
