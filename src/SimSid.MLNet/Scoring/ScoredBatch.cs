namespace SimSid.MLNet.Scoring;

/// <summary>A batch of input images and what the model said about them.</summary>
internal sealed record ScoredBatch(IReadOnlyList<float[]> Images, float[] Scores, bool[] IsAnomalous,
    IReadOnlyList<float[]>? Reconstructions, IReadOnlyList<float[]>? AnomalyMaps)
{
    public int Count => Images.Count;
}
