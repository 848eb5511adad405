using SimSid.Torch;

namespace SimSid.MLNet.Modeling;

/// <summary>Trains and loads the models the plugin scores with; the zip records which backend wrote a model.</summary>
internal interface ISimSidModelBackend
{
    /// <summary>Stable identifier stored in model zips.</summary>
    string Id { get; }

    /// <summary>Trains a model on normal images (row-major S x S pixels in [0, 1]).</summary>
    ISimSidModel Train(SimSidOptions options, IReadOnlyList<float[]> normalImages,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Reads a model written by <see cref="ISimSidModel.Save"/>; the stream is not seekable and already checksum-verified.</summary>
    ISimSidModel Load(Stream source);
}
