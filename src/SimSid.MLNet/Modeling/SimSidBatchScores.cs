namespace SimSid.MLNet.Modeling;

/// <summary>What <see cref="ISimSidModel.Score"/> returns for a batch of images.</summary>
/// <param name="Scores">One anomaly score per image, in input order; higher = more anomalous.</param>
/// <param name="IsAnomalous">The model's verdict per image: the score reaches its threshold.</param>
/// <param name="Reconstructions">One reconstruction per image when asked for, otherwise null.</param>
/// <param name="AnomalyMaps">
/// One anomaly map per image when reconstructions are asked for (larger = more anomalous, the signal the
/// score is read from), otherwise null.
/// </param>
internal sealed record SimSidBatchScores(float[] Scores, bool[] IsAnomalous, IReadOnlyList<float[]>? Reconstructions, IReadOnlyList<float[]>? AnomalyMaps);
