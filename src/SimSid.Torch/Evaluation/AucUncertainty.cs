namespace SimSid.Torch.Evaluation;

/// <summary>How far a ROC-AUC measured on a few images may be from the one the whole population would give.</summary>
public static class AucUncertainty
{
    /// <summary>
    /// The standard error of a ROC-AUC measured on <paramref name="abnormal"/> abnormal and <paramref name="normal"/>
    /// normal images (Hanley and McNeil, 1982, Radiology 143:29-36).
    /// </summary>
    /// <exception cref="ArgumentException">A class is empty, or the AUC is outside [0, 1].</exception>
    public static double StandardError(double auc, int abnormal, int normal)
    {
        if (abnormal < 1 || normal < 1)
            throw new ArgumentException($"An AUC needs images of both classes; got {abnormal} abnormal and {normal} normal.", nameof(abnormal));
        if (!(auc >= 0 && auc <= 1)) throw new ArgumentException($"An AUC lies in [0, 1]; got {auc}.", nameof(auc));
        double squared = auc * auc;
        // Probabilities that two abnormal images both outrank a normal one (q1), and that an abnormal one outranks two normal ones (q2).
        double q1 = auc / (2 - auc), q2 = 2 * squared / (1 + auc);
        double variance = (auc * (1 - auc) + (abnormal - 1) * (q1 - squared) + (normal - 1) * (q2 - squared)) / ((double)abnormal * normal);
        return Math.Sqrt(Math.Max(0, variance));
    }
}
