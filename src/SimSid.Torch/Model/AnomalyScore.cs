namespace SimSid.Torch;

/// <summary>The verdict on one image.</summary>
/// <param name="Score">Anomaly score in [0, 1]; higher is more anomalous.</param>
/// <param name="RawScore">
/// The score before standardisation: in the discriminator modes its logit on the image's reconstruction
/// (higher looks more real); in <see cref="ScoringMode.ReconstructionError"/> the reconstruction error.
/// </param>
/// <param name="IsAnomalous">True when <paramref name="Score"/> reaches the model's stored threshold.</param>
public readonly record struct AnomalyScore(double Score, double RawScore, bool IsAnomalous);
