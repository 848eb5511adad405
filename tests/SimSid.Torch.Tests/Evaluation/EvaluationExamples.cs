namespace SimSid.Torch.Tests.Evaluation;

/// <summary>Small fixed score sets whose metrics are worked out by hand in the tests.</summary>
internal static class EvaluationExamples
{
    /// <summary>scikit-learn's documentation example: normal 0.1, 0.4; abnormal 0.35, 0.8.</summary>
    public static readonly double[] MixedScores = [0.1, 0.4, 0.35, 0.8];
    public static readonly bool[] MixedLabels = [false, false, true, true];

    /// <summary>Normal 0.2, 0.5; abnormal 0.5, 0.5, 0.9: one normal and two abnormal cases tie at 0.5.</summary>
    public static readonly double[] TiedScores = [0.2, 0.5, 0.5, 0.5, 0.9];
    public static readonly bool[] TiedLabels = [false, true, false, true, true];

    /// <summary>Abnormal cases all score above normal ones.</summary>
    public static readonly double[] SeparatedScores = [0.1, 0.2, 0.8, 0.9];
    public static readonly bool[] SeparatedLabels = [false, false, true, true];

    /// <summary>The same scores with the labels swapped: abnormal cases all score below normal ones.</summary>
    public static readonly bool[] InvertedLabels = [true, true, false, false];
}
