using System.Diagnostics;
using SimSid.MLNet.Modeling;
using SimSid.MLNet.Training;
using SimSid.Torch;
using SimSid.Torch.Training;

namespace SimSid.MLNet.Tests.Support;

/// <summary>
/// Trains <see cref="MeanImageModel"/>s. The threshold lies just above the highest training score, so
/// every training image is predicted normal. The options' epochs only pace the progress reports and
/// cancellation.
/// </summary>
internal sealed class MeanImageBackend(string id = MeanImageBackend.RegisteredId) : ISimSidModelBackend
{
    public const string RegisteredId = "MeanImage.Tests";

    public string Id { get; } = id;

    /// <summary>The options and image count of the last training run.</summary>
    public (SimSidOptions Options, int ImageCount)? LastTraining { get; private set; }

    public MeanImageModel? LastTrained { get; private set; }

    /// <summary>Waited for between epochs, so cancellation can land mid-run.</summary>
    public TimeSpan EpochDelay { get; init; }

    public ISimSidModel Train(SimSidOptions options, TrainingRows rows,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        // The training set the estimator composed, as the real backend's trainer reads it.
        var normalImages = Enumerable.Range(0, rows.Images.Count).Select(rows.Images.Pixels).ToList();
        LastTraining = (options, normalImages.Count);
        int size = options.Network.ImageSize, pixels = size * size;
        var mean = new float[pixels];
        foreach (var image in normalImages)
            for (int i = 0; i < pixels; i++)
                mean[i] += image[i] / normalImages.Count;

        var unthresholded = new MeanImageModel(mean, size, threshold: 0);
        // A score at or above the threshold is anomalous: the next float above the highest training score keeps them all normal.
        float threshold = MathF.BitIncrement(normalImages.Max(unthresholded.ScoreOf));
        int epochs = options.Training.Epochs;
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.WaitHandle.WaitOne(EpochDelay);
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = clock.Elapsed;
            progress?.Report(new SimSidTrainingProgress(epoch, epochs, Loss: threshold / epoch, DiscriminatorLoss: 0,
                ImagesPerSecond: epoch * normalImages.Count / Math.Max(elapsed.TotalSeconds, 1e-9), elapsed,
                Remaining: elapsed / epoch * (epochs - epoch)));
        }
        LastTrained = new MeanImageModel(mean, size, threshold);
        return LastTrained;
    }

    public ISimSidModel Load(Stream source) => MeanImageModel.Load(source);
}
