using SimSid.Torch.Evaluation;

namespace SimSid.Torch.Training;

/// <summary>Validation ROC-AUCs of scoring modes from their raw scores.</summary>
internal static class ModeAucs
{
    /// <summary>
    /// The ROC-AUC of each mode of <paramref name="modes"/> from its raw scores (<paramref name="raw"/>[m] for
    /// <paramref name="modes"/>[m]) of images labelled <paramref name="isAbnormal"/>. The score is monotone in the raw
    /// score, so the AUC of the oriented raw score is the AUC of the score.
    /// </summary>
    public static Dictionary<ScoringMode, double> Of(IReadOnlyList<ScoringMode> modes, IReadOnlyList<double[]> raw, IReadOnlyList<bool> isAbnormal) =>
        modes.Select((mode, m) => (mode, RocCurve.Compute([.. raw[m].Select(r => mode.AnomalySign() * r)], isAbnormal).Auc)).ToDictionary();
}
