using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

/// <summary>ML.NET's evaluators on the real network's scores agree with SimSid.Torch's own metrics.</summary>
[Collection(RealNetworkCollection.Name)]
public sealed class RealNetworkEvaluationTests(TrainedTinyNetwork trained)
{
    private double SimSidTorchAuc(IDataView scored) => Scored.Auc(Scored.Scores(scored), trained.TestLabels);

    [Fact]
    public void AnomalyDetectionEvaluate_RealNetwork_AucEqualsSimSidTorchsRocAuc()
    {
        var scored = trained.ScoreTestRows();
        // The anomaly-detection evaluator takes a Single label (1 = anomalous), not a Boolean one.
        var withSingleLabel = trained.ML.Transforms.Conversion.ConvertType("LabelAsSingle", nameof(PixelRow.Label), DataKind.Single)
            .Fit(scored).Transform(scored);

        var metrics = trained.ML.AnomalyDetection.Evaluate(withSingleLabel, labelColumnName: "LabelAsSingle");

        Assert.Equal(SimSidTorchAuc(scored), metrics.AreaUnderRocCurve, precision: 12);
    }

    [Fact]
    public void BinaryClassificationEvaluateNonCalibrated_RealNetwork_AucEqualsSimSidTorchsRocAuc()
    {
        var scored = trained.ScoreTestRows();

        var metrics = trained.ML.BinaryClassification.EvaluateNonCalibrated(scored);

        Assert.Equal(SimSidTorchAuc(scored), metrics.AreaUnderRocCurve, precision: 12);
    }

    [Fact]
    public void BinaryClassificationEvaluateNonCalibrated_IgnoresPredictedLabel_AndCountsEveryScoreAboveZeroAsAnomalous()
    {
        // What SimSidTransformer's remarks warn about: ML.NET's non-calibrated evaluator thresholds the
        // score at 0, not at the model's threshold, and every SimSID score lies in (0, 1).
        var scored = trained.ScoreTestRows();
        var labels = trained.TestLabels;
        var predicted = Scored.Bools(scored, "PredictedLabel");
        Assert.Contains(false, predicted);

        var metrics = trained.ML.BinaryClassification.EvaluateNonCalibrated(scored);

        Assert.All(Scored.Scores(scored), s => Assert.InRange(s, float.Epsilon, 1f));
        int anomalous = labels.Count(l => l), normal = labels.Length - anomalous;
        Assert.Equal(new double[][] { [anomalous, 0], [normal, 0] }, metrics.ConfusionMatrix.Counts.Select(row => row.ToArray()).ToArray());
        Assert.Equal((double)anomalous / labels.Length, metrics.Accuracy, precision: 12);
    }
}
