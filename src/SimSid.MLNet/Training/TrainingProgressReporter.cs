using Microsoft.ML.Runtime;

namespace SimSid.MLNet.Training;

/// <summary>Sends each epoch's progress to the ML.NET log and to the user's callback, synchronously.</summary>
internal sealed class TrainingProgressReporter(IChannel channel, Action<SimSidTrainingProgress>? callback)
    : IProgress<SimSidTrainingProgress>
{
    public void Report(SimSidTrainingProgress value)
    {
        channel.Info("SimSID: epoch {0}/{1}, loss {2:G6}, {3:F1} s.", value.Epoch, value.TotalEpochs, value.Loss, value.Elapsed.TotalSeconds);
        callback?.Invoke(value);
    }
}
