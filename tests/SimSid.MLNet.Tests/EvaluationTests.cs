using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

public sealed class EvaluationTests
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly List<PixelRow> _test = TestImages.Rows(normal: 25, anomalous: 25, seed: 7);

    private IDataView Scored()
    {
        var model = Pipelines.Estimator(_ml).Fit(_ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 30, anomalous: 0, seed: 3)));
        return model.Transform(_ml.Data.LoadFromEnumerable(_test));
    }

    private double ExpectedAuc(IDataView scored) =>
        Support.Scored.Auc(Support.Scored.Scores(scored), _test.Select(r => r.Label).ToArray());

    [Fact]
    public void AnomalyDetectionEvaluate_ReadsScoreAndPredictedLabel()
    {
        var scored = Scored();
        // The anomaly-detection evaluator takes a Single label (1 = anomalous), not a Boolean one.
        var withSingleLabel = _ml.Transforms.Conversion.ConvertType("LabelAsSingle", nameof(PixelRow.Label), DataKind.Single)
            .Fit(scored).Transform(scored);

        var metrics = _ml.AnomalyDetection.Evaluate(withSingleLabel, labelColumnName: "LabelAsSingle");

        Assert.Equal(ExpectedAuc(scored), metrics.AreaUnderRocCurve, precision: 9);
        Assert.True(metrics.AreaUnderRocCurve > 0.9);
    }

    [Fact]
    public void BinaryClassificationEvaluateNonCalibrated_ReadsLabelScoreAndPredictedLabel()
    {
        var scored = Scored();

        var metrics = _ml.BinaryClassification.EvaluateNonCalibrated(scored);

        Assert.Equal(ExpectedAuc(scored), metrics.AreaUnderRocCurve, precision: 9);
        Assert.Equal(25 + 25, metrics.ConfusionMatrix.Counts.Sum(row => row.Sum()));
    }
}
