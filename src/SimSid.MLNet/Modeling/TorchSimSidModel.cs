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
            return new SimSidBatchScores(ToSingle(model.Score(images)), null);
        var (scores, reconstructions) = model.ScoreWithReconstructions(images);
        return new SimSidBatchScores(ToSingle(scores), reconstructions);
    }

    public void Save(Stream destination) => model.Save(destination);

    public void Dispose() => model.Dispose();

    private static float[] ToSingle(AnomalyScore[] scores) => Array.ConvertAll(scores, s => (float)s.Score);
}
