using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimSid.Torch.Evaluation;

/// <summary>
/// Everything reported for anomaly scores (higher = more abnormal) against test labels (true = abnormal):
/// ROC-AUC, average precision (as <see cref="PrAuc"/>), the confusion metrics at the stored, honestly chosen
/// threshold, the ORACLE metrics at the best-accuracy test threshold (optimistic, for comparison with the
/// reference), and both curves for plotting. All rates are fractions in [0, 1]. <see cref="ToJson"/> writes
/// camelCase names: <c>auc</c>, <c>prAuc</c>, <c>threshold</c>, <c>accuracy</c>, <c>f1</c>, <c>precision</c>,
/// <c>recall</c>, <c>sensitivity</c>, <c>specificity</c>, the four counts, <c>thresholdSelection</c>,
/// <c>oracleBestAccuracy</c>, <c>rocCurve</c> and <c>precisionRecallCurve</c>.
/// </summary>
public sealed class BinaryEvaluation
{
    /// <summary>Options used by <see cref="ToJson"/> and <see cref="FromJson"/>: camelCase names, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [JsonConstructor]
    private BinaryEvaluation(
        double auc,
        double prAuc,
        ThresholdSelection thresholdSelection,
        int truePositives,
        int falsePositives,
        int trueNegatives,
        int falseNegatives,
        ConfusionMetrics oracleBestAccuracy,
        IReadOnlyList<RocPoint> rocCurve,
        IReadOnlyList<PrecisionRecallPoint> precisionRecallCurve)
    {
        Auc = auc;
        PrAuc = prAuc;
        ThresholdSelection = thresholdSelection ?? throw new ArgumentNullException(nameof(thresholdSelection));
        AtThreshold = new ConfusionMetrics(thresholdSelection.Threshold, truePositives, falsePositives, trueNegatives, falseNegatives);
        OracleBestAccuracy = oracleBestAccuracy ?? throw new ArgumentNullException(nameof(oracleBestAccuracy));
        RocCurve = rocCurve ?? throw new ArgumentNullException(nameof(rocCurve));
        PrecisionRecallCurve = precisionRecallCurve ?? throw new ArgumentNullException(nameof(precisionRecallCurve));
    }

    /// <summary>ROC-AUC (trapezoid; ties count one half).</summary>
    public double Auc { get; }

    /// <summary>Average precision (scikit-learn's <c>average_precision_score</c>), reported as the PR-AUC.</summary>
    public double PrAuc { get; }

    /// <summary>The stored threshold and how it was chosen.</summary>
    public ThresholdSelection ThresholdSelection { get; }

    /// <summary>The confusion metrics at the stored threshold (written to JSON flat, at the top level).</summary>
    [JsonIgnore]
    public ConfusionMetrics AtThreshold { get; }

    /// <summary>The stored threshold: scores at or above it are predicted abnormal.</summary>
    public double Threshold => AtThreshold.Threshold;

    /// <summary>Accuracy at the stored threshold.</summary>
    public double Accuracy => AtThreshold.Accuracy;

    /// <summary>F1 at the stored threshold.</summary>
    public double F1 => AtThreshold.F1;

    /// <summary>Precision at the stored threshold (0 when nothing is predicted abnormal).</summary>
    public double Precision => AtThreshold.Precision;

    /// <summary>Recall at the stored threshold; equal to <see cref="Sensitivity"/>.</summary>
    public double Recall => AtThreshold.Recall;

    /// <summary>Sensitivity (true-positive rate) at the stored threshold.</summary>
    public double Sensitivity => AtThreshold.Sensitivity;

    /// <summary>Specificity (true-negative rate) at the stored threshold.</summary>
    public double Specificity => AtThreshold.Specificity;

    /// <summary>Abnormal cases predicted abnormal at the stored threshold.</summary>
    public int TruePositives => AtThreshold.TruePositives;

    /// <summary>Normal cases predicted abnormal at the stored threshold.</summary>
    public int FalsePositives => AtThreshold.FalsePositives;

    /// <summary>Normal cases predicted normal at the stored threshold.</summary>
    public int TrueNegatives => AtThreshold.TrueNegatives;

    /// <summary>Abnormal cases predicted normal at the stored threshold.</summary>
    public int FalseNegatives => AtThreshold.FalseNegatives;

    /// <summary>ORACLE: metrics at the ROC threshold with the best accuracy on these very test labels.</summary>
    public ConfusionMetrics OracleBestAccuracy { get; }

    /// <summary>ROC points, threshold +Infinity first (see <see cref="Evaluation.RocCurve"/>).</summary>
    public IReadOnlyList<RocPoint> RocCurve { get; }

    /// <summary>Precision-recall points, threshold +Infinity first (see <see cref="Evaluation.PrecisionRecallCurve"/>).</summary>
    public IReadOnlyList<PrecisionRecallPoint> PrecisionRecallCurve { get; }

    /// <summary>
    /// Evaluates test scores against test labels (both classes required) at a threshold chosen beforehand
    /// without them.
    /// </summary>
    public static BinaryEvaluation Evaluate(
        IReadOnlyList<double> scores, IReadOnlyList<bool> labels, ThresholdSelection thresholdSelection)
    {
        ArgumentNullException.ThrowIfNull(thresholdSelection);
        var sweep = ThresholdSweep.Build(scores, labels, "evaluation (ROC-AUC and average precision)");
        var roc = Evaluation.RocCurve.From(sweep);
        var precisionRecall = Evaluation.PrecisionRecallCurve.From(sweep);
        var atThreshold = ConfusionMetrics.AtThreshold(scores, labels, thresholdSelection.Threshold);
        return new BinaryEvaluation(
            roc.Auc,
            precisionRecall.AveragePrecision,
            thresholdSelection,
            atThreshold.TruePositives,
            atThreshold.FalsePositives,
            atThreshold.TrueNegatives,
            atThreshold.FalseNegatives,
            OracleOperatingPoint.From(sweep),
            roc.Points,
            precisionRecall.Points);
    }

    /// <summary>The evaluation as indented JSON with camelCase names; infinite thresholds are written as "Infinity".</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads an evaluation written by <see cref="ToJson"/>.</summary>
    public static BinaryEvaluation FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<BinaryEvaluation>(json, JsonOptions)
            ?? throw new JsonException("The evaluation JSON is the literal null: expected an object written by BinaryEvaluation.ToJson.");
    }
}
