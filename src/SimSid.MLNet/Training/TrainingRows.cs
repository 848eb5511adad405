using SimSid.Torch.Training;

namespace SimSid.MLNet.Training;

/// <summary>
/// What an estimator hands its backend: the training set, already composed by the options' positive ratio from
/// the labelled rows (or every row when they are used without labels), held in an image cache it owns.
/// </summary>
/// <param name="Images">The training images, 8-bit, in the composed order (normal rows, then anomalous ones, each in row order).</param>
internal sealed record TrainingRows(ImageCache Images) : IDisposable
{
    /// <summary>Labelled validation images (SimSidEstimator.Options.ValidationData), or null; held in <see cref="ValidationImages"/>.</summary>
    public LabeledImages? Validation { get; init; }

    /// <summary>The cache that holds the validation images, 8-bit like the training images; disposed with the rows.</summary>
    public ImageCache? ValidationImages { get; init; }

    /// <summary>Deletes the caches' temporary files, if they have any.</summary>
    public void Dispose()
    {
        Images.Dispose();
        ValidationImages?.Dispose();
    }
}
