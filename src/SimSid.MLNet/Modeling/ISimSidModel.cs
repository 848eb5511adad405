namespace SimSid.MLNet.Modeling;

/// <summary>
/// A trained SimSID model as the ML.NET plugin uses it. Images are row-major
/// <see cref="ImageSize"/> x <see cref="ImageSize"/> grayscale pixels in [0, 1].
/// </summary>
/// <remarks>
/// Implementations need not be thread-safe: the plugin serialises calls into one model. An image's
/// score must not depend on the other images of its batch: the plugin scores a data view in batches
/// of whatever size the user chose, and a PredictionEngine one image at a time, and both must agree.
/// </remarks>
internal interface ISimSidModel : IDisposable
{
    /// <summary>Side of the square images the model takes.</summary>
    int ImageSize { get; }

    /// <summary>Decision threshold: a score at or above it means anomalous.</summary>
    float Threshold { get; }

    /// <summary>
    /// Scores a batch of images at once. Returns one anomaly score per image (higher = more anomalous)
    /// and, when <paramref name="withReconstructions"/> is set, the model's reconstruction of each image
    /// in the same layout and range as the input and its anomaly map (same layout, larger = more anomalous).
    /// </summary>
    SimSidBatchScores Score(IReadOnlyList<float[]> images, bool withReconstructions);

    /// <summary>
    /// What training found on the validation data, for the log: the scoring mode and its validation ROC-AUC;
    /// null when there is nothing to say. IsWeak tells whether it barely separates the classes.
    /// </summary>
    (string Text, bool IsWeak)? ValidationSummary => null;

    /// <summary>
    /// Builds what the next score needs and is not built yet, telling <paramref name="say"/> first, in words, what takes a
    /// minute or more (a loaded model's feature memory describing its remembered images).
    /// </summary>
    void PrepareToScore(Action<string> say) { }

    /// <summary>Writes the model (options, weights, threshold) in its own format.</summary>
    void Save(Stream destination);
}
