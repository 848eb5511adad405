using System.Text.Json;
using SimSid.Torch.Evaluation;
using static SimSid.Torch.Tests.Evaluation.EvaluationExamples;

namespace SimSid.Torch.Tests.Evaluation;

public class BinaryEvaluationTests
{
    private static BinaryEvaluation EvaluateMixed() =>
        BinaryEvaluation.Evaluate(MixedScores, MixedLabels, ThresholdSelection.Fixed(0.4));

    [Fact]
    public void Bundles_auc_average_precision_stored_threshold_metrics_oracle_and_curves()
    {
        var evaluation = EvaluateMixed();

        Assert.Equal(0.75, evaluation.Auc, 12);
        Assert.Equal(5.0 / 6.0, evaluation.PrAuc, 12);
        // Threshold 0.4: 0.4 (normal) and 0.8 (abnormal) predicted abnormal.
        Assert.Equal(new ConfusionMetrics(0.4, 1, 1, 1, 1), evaluation.AtThreshold);
        Assert.Equal(0.4, evaluation.Threshold);
        Assert.Equal(0.5, evaluation.Accuracy);
        Assert.Equal(0.5, evaluation.F1);
        Assert.Equal(new ConfusionMetrics(0.8, 1, 0, 2, 1), evaluation.OracleBestAccuracy);
        Assert.Equal(RocCurve.Compute(MixedScores, MixedLabels).Points, evaluation.RocCurve);
        Assert.Equal(PrecisionRecallCurve.Compute(MixedScores, MixedLabels).Points, evaluation.PrecisionRecallCurve);
    }

    [Fact]
    public void Json_has_the_required_camel_case_names_at_the_top_level()
    {
        var evaluation = BinaryEvaluation.Evaluate(MixedScores, MixedLabels, ThresholdSelection.Fixed(0.35));

        using var json = JsonDocument.Parse(evaluation.ToJson());
        var root = json.RootElement;

        Assert.Equal(0.75, root.GetProperty("auc").GetDouble(), 12);
        Assert.Equal(5.0 / 6.0, root.GetProperty("prAuc").GetDouble(), 12);
        Assert.Equal(0.35, root.GetProperty("threshold").GetDouble());
        Assert.Equal(0.75, root.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(0.8, root.GetProperty("f1").GetDouble(), 12);
        Assert.Equal(1.0, root.GetProperty("sensitivity").GetDouble(), 12);
        Assert.Equal(0.5, root.GetProperty("specificity").GetDouble(), 12);
        Assert.Equal(2, root.GetProperty("truePositives").GetInt32());
        Assert.Equal("Fixed", root.GetProperty("thresholdSelection").GetProperty("method").GetString());
        Assert.Equal(0.8, root.GetProperty("oracleBestAccuracy").GetProperty("threshold").GetDouble());
        Assert.False(root.TryGetProperty("atThreshold", out _));
        var firstRocPoint = root.GetProperty("rocCurve")[0];
        Assert.Equal("Infinity", firstRocPoint.GetProperty("threshold").GetString());
        Assert.Equal(0.0, firstRocPoint.GetProperty("falsePositiveRate").GetDouble());
        Assert.Equal(5, root.GetProperty("precisionRecallCurve").GetArrayLength());
    }

    [Fact]
    public void Json_round_trips_with_an_infinite_oracle_threshold()
    {
        var original = BinaryEvaluation.Evaluate(
            [0.9, 0.8, 0.1], [false, false, true], ThresholdSelection.FromNormalScores([0.2, 0.4, 0.6]));

        var copy = BinaryEvaluation.FromJson(original.ToJson());

        Assert.Equal(double.PositiveInfinity, copy.OracleBestAccuracy.Threshold);
        Assert.Equal(original.Auc, copy.Auc);
        Assert.Equal(original.PrAuc, copy.PrAuc);
        Assert.Equal(original.ThresholdSelection, copy.ThresholdSelection);
        Assert.Equal(original.AtThreshold, copy.AtThreshold);
        Assert.Equal(original.OracleBestAccuracy, copy.OracleBestAccuracy);
        Assert.Equal(original.RocCurve, copy.RocCurve);
        Assert.Equal(original.PrecisionRecallCurve, copy.PrecisionRecallCurve);
    }

    [Fact]
    public void Threshold_selection_round_trips_through_json_on_its_own()
    {
        var selection = ThresholdSelection.FromNormalScores([1.0, 2.0, 3.0, 4.0], 0.9);

        var json = JsonSerializer.Serialize(selection, BinaryEvaluation.JsonOptions);
        var copy = JsonSerializer.Deserialize<ThresholdSelection>(json, BinaryEvaluation.JsonOptions);

        Assert.Contains("\"method\": \"NormalScoreQuantile\"", json);
        Assert.Equal(selection, copy);
    }
}
