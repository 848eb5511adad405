using SimSid.MLNet.Training;
using SimSid.Torch;
using SimSid.Torch.Training;

namespace SimSid.MLNet.Modeling;

/// <summary>The SimSID network of SimSid.Torch: trains with <see cref="SimSidTrainer"/>, stores <see cref="SimSidModel"/> files.</summary>
internal sealed class TorchSimSidBackend : ISimSidModelBackend
{
    public static readonly TorchSimSidBackend Instance = new();

    private TorchSimSidBackend() { }

    public string Id => "SimSid.Torch";

    public ISimSidModel Train(SimSidOptions options, TrainingRows rows,
        IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var trainer = new SimSidTrainer(options) { Progress = progress is null ? null : new EpochReports(progress) };
        return new TorchSimSidModel(trainer.Fit(rows.Images, rows.Validation, cancellationToken));
    }

    public ISimSidModel Load(Stream source) => new TorchSimSidModel(SimSidModel.Load(source, source: "the model zip's SimSID model"));

    private sealed class EpochReports(IProgress<SimSidTrainingProgress> target) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Stage is { } stage && target is ITrainingStageLog log) log.Stage(stage);
            if (value.Phase != TrainingPhase.EpochEnd) return;
            target.Report(new SimSidTrainingProgress(value.Epoch, value.Epochs, value.Losses.Generator, value.Losses.Discriminator,
                value.ImagesPerSecond, value.Elapsed, value.Remaining));
        }
    }
}
