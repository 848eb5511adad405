using Microsoft.ML.Runtime;

namespace SimSid.MLNet.Training;

/// <summary>Sends each epoch's progress, and the work between epochs, to the ML.NET log and to the user's callbacks, synchronously.</summary>
internal sealed class TrainingProgressReporter(IChannel channel, Action<SimSidTrainingProgress>? callback, Action<string>? stageCallback)
    : IProgress<SimSidTrainingProgress>, ITrainingStageLog
{
    public void Stage(string stage)
    {
        channel.Stage(stage);
        stageCallback?.Invoke(stage);
    }

    public void Report(SimSidTrainingProgress value)
    {
        channel.Info("SimSID: epoch {0}/{1}, generator loss {2:G5}, discriminator loss {3:G5}, {4:F1} images/s, {5:hh\\:mm\\:ss} elapsed, about {6:hh\\:mm\\:ss} left.",
            value.Epoch, value.TotalEpochs, value.Loss, value.DiscriminatorLoss, value.ImagesPerSecond, value.Elapsed, value.Remaining);
        callback?.Invoke(value);
    }
}
