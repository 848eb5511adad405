using System.Text.Json.Serialization;

namespace SimSid.Torch.Evaluation;

/// <summary>One point of a ROC curve.</summary>
/// <param name="FalsePositiveRate">FP / negatives at <paramref name="Threshold"/> (1 - specificity).</param>
/// <param name="TruePositiveRate">TP / positives at <paramref name="Threshold"/> (sensitivity).</param>
/// <param name="Threshold">Scores &gt;= this are predicted abnormal; +Infinity for the (0, 0) point.</param>
public readonly record struct RocPoint(
    double FalsePositiveRate,
    double TruePositiveRate,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Threshold);
