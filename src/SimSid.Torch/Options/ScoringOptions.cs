namespace SimSid.Torch;

/// <summary>How the discriminator normalises its activations when scoring.</summary>
public enum DiscriminatorNormalization
{
    /// <summary>
    /// The paper's scoring: the discriminator's BatchNorm layers normalise each image with its own
    /// statistics, as the reference does by scoring one image at a time without switching the
    /// discriminator to eval mode. Results do not depend on the batch size (up to float rounding).
    /// </summary>
    PerImage,

    /// <summary>A variant: the discriminator in eval mode, normalising with its running statistics.</summary>
    RunningStatistics,
}

/// <summary>Anomaly scoring and the decision threshold stored with a trained model.</summary>
public sealed record ScoringOptions
{
    /// <summary>Discriminator normalisation when scoring; <see cref="DiscriminatorNormalization.PerImage"/> reproduces the paper.</summary>
    public DiscriminatorNormalization Normalization { get; init; } = DiscriminatorNormalization.PerImage;

    /// <summary>
    /// Number of training images (with their training augmentation) whose reconstruction logits give the
    /// mean and standard deviation that standardise every score.
    /// </summary>
    public int CalibrationImages { get; init; } = 200;

    /// <summary>
    /// Quantile of the normal training images' scores used as the decision threshold when no labelled
    /// validation set is given.
    /// </summary>
    public double ThresholdQuantile { get; init; } = 0.95;

    /// <summary>Images per forward pass when scoring.</summary>
    public int BatchSize { get; init; } = 16;
}
