using SimSid.Data.Datasets;
using SimSid.Torch.Training;

namespace SimSid.Cli;

/// <summary>
/// Enlarges a validation split too small to choose a score on (the ZhangLab layout's has 8 normal and 8 abnormal
/// images) with the training images <see cref="ValidationLending"/> chooses. The test split is never touched.
/// </summary>
internal static class ValidationTopUp
{
    /// <summary>
    /// The dataset with its validation split topped up from its training split, and what was lent; the dataset as it
    /// is when <see cref="ValidationLending.Choose"/> lends nothing.
    /// </summary>
    public static LentImages Apply(RadiographDataset dataset, double positiveRatio)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int validationNormal = dataset.Validation.Count(r => !r.IsAbnormal), validationAbnormal = dataset.Validation.Count - validationNormal;
        var (lentNormal, lentAbnormal) = ValidationLending.Choose(positiveRatio, dataset.TrainNormal.Count, dataset.TrainAbnormal.Count,
            validationNormal, validationAbnormal);
        if (lentNormal.Length + lentAbnormal.Length == 0)
            return new LentImages(dataset, 0, 0, validationNormal, validationAbnormal);

        var lentNormalSet = lentNormal.ToHashSet();
        var keptNormal = dataset.TrainNormal.Where((_, i) => !lentNormalSet.Contains(i)).ToList();
        // Normal images before abnormal ones, as in every split.
        var validation = dataset.Validation.Where(r => !r.IsAbnormal)
            .Concat(lentNormal.Select(i => dataset.TrainNormal[i]))
            .Concat(dataset.Validation.Where(r => r.IsAbnormal))
            .Concat(lentAbnormal.Select(i => dataset.TrainAbnormal[i]))
            .ToList();
        // The abnormal training images stay listed: at positive ratio 1 the training set takes none of them.
        var toppedUp = new RadiographDataset(dataset.Root, dataset.Layout, keptNormal, dataset.TrainAbnormal, validation, dataset.Test);
        return new LentImages(toppedUp, lentNormal.Length, lentAbnormal.Length, validationNormal, validationAbnormal);
    }
}

/// <summary>A dataset after <see cref="ValidationTopUp.Apply"/>, with the images its validation split was lent.</summary>
/// <param name="Dataset">The dataset to train on (the one given when nothing was lent).</param>
/// <param name="Normal">Normal training images moved to the validation split (they no longer train).</param>
/// <param name="Abnormal">Abnormal training images added to the validation split (training never used them).</param>
/// <param name="ValidationNormal">The validation split's own normal images.</param>
/// <param name="ValidationAbnormal">The validation split's own abnormal images.</param>
internal sealed record LentImages(RadiographDataset Dataset, int Normal, int Abnormal, int ValidationNormal, int ValidationAbnormal)
{
    /// <summary>Whether any image was lent.</summary>
    public bool Any => Normal + Abnormal > 0;

    /// <summary>What was lent, for the console and training.json; null when nothing was.</summary>
    public string? Describe() => Any
        ? $"The validation split holds {ValidationNormal} normal and {ValidationAbnormal} abnormal images, too few to choose a score on; " +
          $"it is lent {Normal} of the normal training images (which leave the training set) and {Abnormal} abnormal training images " +
          $"(which training does not use), so it validates on {ValidationNormal + Normal} + {ValidationAbnormal + Abnormal}. " +
          "--keep-splits uses the splits as they are."
        : null;
}
