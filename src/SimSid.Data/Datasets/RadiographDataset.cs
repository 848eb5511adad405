namespace SimSid.Data.Datasets;

/// <summary>
/// The images of one dataset, grouped by split. Within a folder, files are sorted by ordinal name
/// (the reference walks folders in <c>os.listdir</c> order, which the file system decides); list
/// files keep their line order. Normal images come before abnormal ones in every split.
/// </summary>
public sealed class RadiographDataset
{
    /// <summary>Creates a dataset from its parts.</summary>
    /// <param name="root">The dataset folder.</param>
    /// <param name="layout">The layout it was read as.</param>
    /// <param name="trainNormal">Normal training images.</param>
    /// <param name="trainAbnormal">Abnormal training images, trained on only in contaminated training sets (positive ratio below 1).</param>
    /// <param name="validation">Validation images (empty when the layout has none).</param>
    /// <param name="test">Test images (empty when the layout has none).</param>
    public RadiographDataset(
        string root,
        DatasetLayout layout,
        IReadOnlyList<RadiographRecord> trainNormal,
        IReadOnlyList<RadiographRecord> trainAbnormal,
        IReadOnlyList<RadiographRecord> validation,
        IReadOnlyList<RadiographRecord> test)
    {
        Root = root;
        Layout = layout;
        TrainNormal = trainNormal;
        TrainAbnormal = trainAbnormal;
        Validation = validation;
        Test = test;
    }

    /// <summary>The dataset folder.</summary>
    public string Root { get; }

    /// <summary>The layout the dataset was read as.</summary>
    public DatasetLayout Layout { get; }

    /// <summary>Normal training images.</summary>
    public IReadOnlyList<RadiographRecord> TrainNormal { get; }

    /// <summary>Abnormal training images (possibly none), trained on only in contaminated training sets (positive ratio below 1).</summary>
    public IReadOnlyList<RadiographRecord> TrainAbnormal { get; }

    /// <summary>
    /// Validation images, normal then abnormal; empty for <see cref="DatasetLayout.NormalFolder"/> and a set without a validation
    /// split. It may hold one class only (a ROC-AUC needs both; training then lends it images or does without it).
    /// </summary>
    public IReadOnlyList<RadiographRecord> Validation { get; }

    /// <summary>Test images, normal then abnormal; empty for <see cref="DatasetLayout.NormalFolder"/>.</summary>
    public IReadOnlyList<RadiographRecord> Test { get; }

    /// <summary>
    /// Every training image with its label, normal then abnormal: what the trainer composes its training set
    /// from by the positive ratio (SimSid.Torch's <c>TrainingSetComposition</c>; a ratio of 1 takes the normal
    /// images alone).
    /// </summary>
    public IReadOnlyList<RadiographRecord> Training => [.. TrainNormal, .. TrainAbnormal];

    /// <summary>The records of one split (training: <see cref="Training"/>, normal and abnormal).</summary>
    /// <exception cref="DatasetLayoutException">The split is empty for this dataset.</exception>
    public IReadOnlyList<RadiographRecord> GetSplit(DatasetSplit split)
    {
        var records = split switch
        {
            DatasetSplit.Train => Training,
            DatasetSplit.Validation => Validation,
            DatasetSplit.Test => Test,
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
        };
        if (records.Count == 0)
        {
            throw new DatasetLayoutException(
                Root,
                $"The dataset at '{Root}' ({Layout}) has no {split.ToString().ToLowerInvariant()} images. " +
                (Layout == DatasetLayout.NormalFolder
                    ? "A plain folder of normal images provides training images only; to evaluate, lay the data out " +
                      "as root/{train,val,test}/{NORMAL,<abnormal class>}/ images."
                    : "Add that split to the dataset folder."));
        }

        return records;
    }
}
