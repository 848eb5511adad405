using SimSid.MLNet.Training;
using SimSid.Torch;

namespace SimSid.MLNet.Modeling;

/// <summary>Trains and loads the models the plugin scores with; the zip records which backend wrote a model.</summary>
internal interface ISimSidModelBackend
{
    /// <summary>Stable identifier stored in model zips.</summary>
    string Id { get; }

    /// <summary>
    /// Trains a model on <paramref name="rows"/>: with labels, on the training set composed from them by the
    /// options' positive ratio (SimSid.Torch's <c>TrainingSetComposition</c>); without, on every row.
    /// </summary>
    ISimSidModel Train(SimSidOptions options, TrainingRows rows,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Reads a model written by <see cref="ISimSidModel.Save"/>; the stream is not seekable and already checksum-verified.</summary>
    ISimSidModel Load(Stream source);
}
