using SimSid.Torch.Evaluation;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// Validation during training: every ValidationInterval epochs and after the last, the AUC of the current
/// model on a labelled validation set; the best epoch is recorded (with its weights when
/// KeepBestValidationEpoch) and the run stops early after EarlyStoppingPatience validations without improvement.
/// </summary>
internal sealed class EpochValidation : IDisposable
{
    private readonly SimSidOptions options;
    private readonly Tensor images;
    private readonly IReadOnlyList<bool> isAbnormal;

    public EpochValidation(SimSidOptions options, LabeledImages validation)
    {
        this.options = options;
        images = ImageTensors.FromPixels(validation.Images, options.Network.ImageSize);
        isAbnormal = validation.IsAbnormal;
    }

    public bool IsDue(int epoch) => epoch % options.Training.ValidationInterval == 0 || epoch == options.Training.Epochs;

    /// <summary>Validates the model after <paramref name="epoch"/> and records it in <paramref name="state"/>. Returns true to stop early.</summary>
    public bool Run(SimSidModel model, int epoch, TrainingRunState state, TrainingReporter reporter)
    {
        // The score is monotone in the raw score, so the AUC of the oriented raw score is the AUC of the score.
        var mode = options.Scoring.Mode;
        var raw = Calibration.RawScores(model, images, mode)[0];
        double auc = RocCurve.Compute(raw.Select(r => mode.AnomalySign() * r).ToList(), isAbnormal).Auc;
        state.RecordValidation(auc, epoch, model, options.Training.KeepBestValidationEpoch);
        reporter.Validated(epoch, auc, state);
        return options.Training.EarlyStoppingPatience is int patience && state.ValidationsWithoutImprovement >= patience;
    }

    public void Dispose() => images.Dispose();
}
