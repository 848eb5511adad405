namespace SimSid.MLNet.Modeling;

/// <summary>
/// Trains and restores <see cref="ISimSidModel"/>s. The plugin stores <see cref="Id"/> in every model
/// zip and looks the backend up by it (<see cref="SimSidModelBackends"/>) when the zip is loaded.
/// </summary>
internal interface ISimSidModelBackend
{
    /// <summary>Stable name written into model zips; never change it once zips exist.</summary>
    string Id { get; }

    /// <summary>Trains a model on images of normal cases only.</summary>
    /// <param name="settings">What the ML.NET options asked for.</param>
    /// <param name="normalImages">Training images, each ImageSize*ImageSize pixels in [0, 1].</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops training early with <see cref="OperationCanceledException"/>.</param>
    ISimSidModel Train(SimSidTrainingSettings settings, IReadOnlyList<float[]> normalImages,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a model written by <see cref="ISimSidModel.Save"/>. The stream is an entry of the model
    /// zip: it cannot seek, and its bytes were already checked to be the ones saved.
    /// </summary>
    ISimSidModel Load(Stream source);
}
