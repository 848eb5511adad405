namespace SimSid.Torch;

/// <summary>How an image's anomaly score is computed from the trained networks.</summary>
public enum ScoringMode
{
    /// <summary>
    /// The paper's score: the discriminator's logit on the reconstruction, with the discriminator's
    /// BatchNorm layers normalising each image with its own statistics, as the reference does by scoring
    /// one image at a time without switching the discriminator to eval mode. Results do not depend on the
    /// batch size (up to float rounding).
    /// </summary>
    Paper,

    /// <summary>A variant of the paper's score: the discriminator in eval mode, normalising with its running statistics.</summary>
    DiscriminatorEvalMode,

    /// <summary>
    /// Not the paper's score: how badly the student decoder rebuilds the image, without the discriminator.
    /// The squared difference between image and reconstruction is smoothed with a Gaussian (sigma S/64
    /// pixels) and the largest 1 % of the smoothed map is averaged, so a small abnormal region counts
    /// fully instead of being diluted by the whole image.
    /// </summary>
    ReconstructionError,
}

/// <summary>Facts about each <see cref="ScoringMode"/>.</summary>
public static class ScoringModes
{
    /// <summary>Every mode, the paper's first.</summary>
    public static IReadOnlyList<ScoringMode> All { get; } = [ScoringMode.Paper, ScoringMode.DiscriminatorEvalMode, ScoringMode.ReconstructionError];

    /// <summary>+1 when a larger raw score is more anomalous (reconstruction error), -1 when smaller is (discriminator logits).</summary>
    public static int AnomalySign(this ScoringMode mode) => mode == ScoringMode.ReconstructionError ? 1 : -1;

    /// <summary>A short description for reports.</summary>
    public static string Describe(this ScoringMode mode) => mode switch
    {
        ScoringMode.Paper => "paper score (discriminator, per-image normalisation)",
        ScoringMode.DiscriminatorEvalMode => "discriminator score in eval mode (variant)",
        _ => "reconstruction-error score (variant, no discriminator)",
    };
}

/// <summary>Anomaly scoring and the decision threshold stored with a trained model.</summary>
public sealed record ScoringOptions
{
    /// <summary>How images are scored; <see cref="ScoringMode.Paper"/> reproduces the paper. Training keeps the epoch whose validation AUC is best under this mode.</summary>
    public ScoringMode Mode { get; init; } = ScoringMode.Paper;

    /// <summary>
    /// Number of training images (with their training augmentation) whose raw scores (discriminator logits
    /// or reconstruction errors) give the mean and standard deviation that standardise every score.
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
