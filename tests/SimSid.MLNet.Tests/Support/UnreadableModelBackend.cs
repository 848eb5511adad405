using SimSid.MLNet.Modeling;
using SimSid.MLNet.Training;
using SimSid.Torch;

namespace SimSid.MLNet.Tests.Support;

/// <summary>Trains like <see cref="MeanImageBackend"/> but rejects every model it is asked to load.</summary>
internal sealed class UnreadableModelBackend : ISimSidModelBackend
{
    public const string RegisteredId = "Unreadable.Tests";
    public const string Complaint = "This backend reads no models.";

    private readonly MeanImageBackend _trainer = new(RegisteredId);

    public string Id => RegisteredId;

    public ISimSidModel Train(SimSidOptions options, TrainingRows rows,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken)
        => _trainer.Train(options, rows, progress, cancellationToken);

    public ISimSidModel Load(Stream source) => throw new InvalidDataException(Complaint);
}
