namespace SimSid.MLNet.Modeling;

/// <summary>
/// Binds the plugin to the SimSID network of SimSid.Torch. This is the only file that knows that API.
/// </summary>
internal sealed class TorchSimSidBackend : ISimSidModelBackend
{
    public static readonly TorchSimSidBackend Instance = new();

    private TorchSimSidBackend() { }

    public string Id => "SimSid.Torch";

    public ISimSidModel Train(SimSidTrainingSettings settings, IReadOnlyList<float[]> normalImages,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken)
        => throw NotLinked();

    public ISimSidModel Load(Stream source) => throw NotLinked();

    private static NotSupportedException NotLinked() => new(
        "The SimSID network (SimSid.Torch) is not linked into this build of SimSid.MLNet yet, so it can neither " +
        "train nor load SimSID models.");
}
