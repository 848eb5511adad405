using SimSid.Torch;

namespace SimSid.MLNet.Modeling;

/// <summary>A trained <see cref="SimSidModel"/> as the plugin scores with it.</summary>
internal sealed class TorchSimSidModel(SimSidModel model) : ISimSidModel
{
    public int ImageSize => model.Options.Network.ImageSize;

    public float Threshold => (float)model.Threshold!.Threshold;

    public SimSidModel Model => model;

    public SimSidBatchScores Score(IReadOnlyList<float[]> images, bool withReconstructions)
    {
        if (!withReconstructions)
        {
            var scores = model.Score(images);
            return new SimSidBatchScores(ToSingle(scores), Verdicts(scores), null);
        }
        var (scored, reconstructions) = model.ScoreWithReconstructions(images);
        return new SimSidBatchScores(ToSingle(scored), Verdicts(scored), reconstructions);
    }

    public void Save(Stream destination) => model.Save(destination);

    public void Dispose() => model.Dispose();

    private static float[] ToSingle(AnomalyScore[] scores) => Array.ConvertAll(scores, s => (float)s.Score);

    // The network's own verdict (double score against double threshold), not a float re-comparison.
    private static bool[] Verdicts(AnomalyScore[] scores) => Array.ConvertAll(scores, s => s.IsAnomalous);
}
