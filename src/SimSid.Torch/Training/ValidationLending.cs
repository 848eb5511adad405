namespace SimSid.Torch.Training;

/// <summary>
/// Which training images a validation split too small to choose a score on is lent: abnormal training images, which a
/// training set of normal images alone never uses, and up to a tenth of the normal ones, which then leave the training
/// set. Each class is brought up to <see cref="ImagesPerClass"/> images where the data allow; at least two normal images
/// stay for training. The images lent are evenly spaced through each list, so the same data always split the same way
/// (and a checkpoint resumes on the same training set). The <c>simsid</c> tool lends from a dataset's training split, the
/// ML.NET estimator from its labelled training rows.
/// </summary>
public static class ValidationLending
{
    /// <summary>
    /// The images of each class the validation split is brought up to: a ROC-AUC of 0.8 measured on 100 + 100 images
    /// is uncertain by about ±0.03 (one standard error), against ±0.11 on 8 + 8, which is more than most scores differ by.
    /// </summary>
    public const int ImagesPerClass = 100;

    /// <summary>The largest share of the normal training images lent to validation.</summary>
    public const double MostNormalShare = 0.1;

    /// <summary>
    /// The positions, ascending, of the normal and abnormal training images lent to a validation split of
    /// <paramref name="validationNormal"/> and <paramref name="validationAbnormal"/> images. Nothing is lent when the
    /// training set is not the normal images alone (<paramref name="positiveRatio"/> below 1: abnormal images train
    /// there), when there is no abnormal training image, when the split already holds enough of each class, or when
    /// the split would still lack a class (too few normal training images to spare one: a ROC-AUC needs both).
    /// </summary>
    public static (int[] Normal, int[] Abnormal) Choose(double positiveRatio, int trainingNormal, int trainingAbnormal,
        int validationNormal, int validationAbnormal)
    {
        if (positiveRatio < 1 || trainingAbnormal == 0 || Math.Min(validationNormal, validationAbnormal) >= ImagesPerClass)
            return ([], []);
        int normalsLendable = Math.Min((int)(trainingNormal * MostNormalShare), trainingNormal - 2);
        int normals = Math.Clamp(ImagesPerClass - validationNormal, 0, Math.Max(0, normalsLendable));
        int abnormals = Math.Clamp(ImagesPerClass - validationAbnormal, 0, trainingAbnormal);
        if (validationNormal + normals == 0 || validationAbnormal + abnormals == 0) return ([], []);
        return (Spaced(trainingNormal, normals), Spaced(trainingAbnormal, abnormals));
    }

    private static int[] Spaced(int n, int count) => count == 0 ? [] : [.. EvenlySpaced.Indices(n, count).Select(i => (int)i)];
}
