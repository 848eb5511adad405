using SimSid.Torch.Training;

namespace SimSid.Torch.Persistence;

/// <summary>
/// The training state a checkpoint holds beyond the model: progress counters, both optimizers'
/// states and, when validating, the best model so far (all as serialized bytes).
/// </summary>
public sealed record TrainingSnapshot
{
    /// <summary>Epochs completed.</summary>
    public required int EpochsCompleted { get; init; }

    /// <summary>Number of training images and a fingerprint of their pixels, to refuse resuming on other data.</summary>
    public required int ImageCount { get; init; }

    /// <summary>SHA-256 (hex) of the training images' pixels.</summary>
    public required string DataFingerprint { get; init; }

    /// <summary>Best validation AUC so far, and its epoch; null without validation.</summary>
    public double? BestAuc { get; init; }

    /// <summary>Epoch of <see cref="BestAuc"/>.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Consecutive validations without improvement (for early stopping).</summary>
    public int ValidationsWithoutImprovement { get; init; }

    /// <summary>The network modes' AUCs on the two validation halves of each epoch validated (see <c>ValidationHalves</c>); null in older checkpoints.</summary>
    public IReadOnlyList<EpochHalfAucs>? ValidationHalfAucs { get; init; }

    /// <summary>The generator optimizer's state (TorchSharp format).</summary>
    public required byte[] GeneratorOptimizer { get; init; }

    /// <summary>The discriminator optimizer's state (TorchSharp format).</summary>
    public required byte[] DiscriminatorOptimizer { get; init; }

    /// <summary>Generator weights of the best validation epoch; null without validation.</summary>
    public byte[]? BestGenerator { get; init; }

    /// <summary>Discriminator weights of the best validation epoch; null without validation.</summary>
    public byte[]? BestDiscriminator { get; init; }
}
