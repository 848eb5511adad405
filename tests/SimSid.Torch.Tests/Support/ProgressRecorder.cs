using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Support;

/// <summary>Keeps every progress report of a training run, in order.</summary>
public sealed class ProgressRecorder : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value) => Reports.Add(value);
}
