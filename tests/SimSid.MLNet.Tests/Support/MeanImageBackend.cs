using SimSid.MLNet.Modeling;

namespace SimSid.MLNet.Tests.Support;

/// <summary>
/// Trains <see cref="MeanImageModel"/>s. The threshold is the highest training score, so every
/// training image is predicted normal. "Epochs" only pace the progress reports and cancellation.
/// </summary>
internal sealed class MeanImageBackend(string id = MeanImageBackend.RegisteredId) : ISimSidModelBackend
{
    public const string RegisteredId = "MeanImage.Tests";

    public const int DefaultEpochs = 3;

    public string Id { get; } = id;

    /// <summary>Settings and image count of the last training run.</summary>
    public (SimSidTrainingSettings Settings, int ImageCount)? LastTraining { get; private set; }

    public MeanImageModel? LastTrained { get; private set; }

    /// <summary>Waited for between epochs, so cancellation can land mid-run.</summary>
    public TimeSpan EpochDelay { get; init; }

    public ISimSidModel Train(SimSidTrainingSettings settings, IReadOnlyList<float[]> normalImages,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        LastTraining = (settings, normalImages.Count);
        int pixels = settings.ImageSize * settings.ImageSize;
        var mean = new float[pixels];
        foreach (var image in normalImages)
            for (int i = 0; i < pixels; i++)
                mean[i] += image[i] / normalImages.Count;

        var model = new MeanImageModel(mean, settings.ImageSize, threshold: 0);
        float threshold = normalImages.Max(model.ScoreOf);
        int epochs = settings.Epochs ?? DefaultEpochs;
        var started = DateTime.UtcNow;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.WaitHandle.WaitOne(EpochDelay);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new SimSidTrainingProgress(epoch, epochs, threshold / epoch, DateTime.UtcNow - started));
        }
        LastTrained = new MeanImageModel(mean, settings.ImageSize, threshold);
        return LastTrained;
    }

    public ISimSidModel Load(Stream source) => MeanImageModel.Load(source);
}
