namespace SimSid.Torch;

/// <summary>Images scored in detail by <see cref="SimSidModel.ScoreInDetail"/>, in the order given.</summary>
/// <param name="Scores">Each image's score and verdict.</param>
/// <param name="Reconstructions">Each image's reconstruction by the student decoder (S x S pixels in [0, 1]).</param>
/// <param name="AnomalyMaps">Each image's anomaly map (S x S, larger = more anomalous) in the scoring mode's own units.</param>
public sealed record ScoredImages(AnomalyScore[] Scores, float[][] Reconstructions, float[][] AnomalyMaps);
