using System.Text.Json.Serialization;

namespace SimSid.Torch.Evaluation;

/// <summary>One point of a precision-recall curve.</summary>
/// <param name="Precision">TP / (TP + FP) at <paramref name="Threshold"/>; 1 for the +Infinity point.</param>
/// <param name="Recall">TP / positives at <paramref name="Threshold"/>.</param>
/// <param name="Threshold">Scores &gt;= this are predicted abnormal; +Infinity for the (recall 0, precision 1) point.</param>
public readonly record struct PrecisionRecallPoint(
    double Precision,
    double Recall,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Threshold);
