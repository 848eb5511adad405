using SimSid.Torch.Training;

namespace SimSid.MLNet.Training;

/// <summary>
/// The rows an estimator hands its backend: with labels, the backend's trainer composes the training set from
/// them by the options' positive ratio (SimSid.Torch's <c>TrainingSetComposition</c>); without, every row is
/// the training set as it is.
/// </summary>
/// <param name="Images">Every row's image (row-major S x S pixels in [0, 1]), in row order.</param>
/// <param name="IsAbnormal">Every row's label (true = anomalous), or null when the rows are used without labels.</param>
/// <param name="TrainingSetSize">How many images the training set holds.</param>
internal sealed record TrainingRows(IReadOnlyList<float[]> Images, IReadOnlyList<bool>? IsAbnormal, int TrainingSetSize)
{
    /// <summary>Labelled validation images (SimSidEstimator.Options.ValidationData), or null.</summary>
    public LabeledImages? Validation { get; init; }
}
