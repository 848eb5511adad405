namespace SimSid.Torch.Training;

/// <summary>
/// Validation during training: every ValidationInterval epochs and after the last, the AUC of the current
/// model on a labelled validation set; the best epoch is recorded (with its weights when
/// KeepBestValidationEpoch) and the run stops early after EarlyStoppingPatience validations without improvement.
/// With <see cref="ScoringOptions.ChooseModeOnValidation"/> an epoch's AUC is that of its best network mode,
/// and after training <see cref="Conclude"/> picks the scoring mode of the best validation AUC, the network's
/// modes cross-fitted when the best epoch is kept (<see cref="ValidationHalves"/>).
/// The images are read a batch at a time, so validation holds no copy of the whole set.
/// </summary>
internal sealed class EpochValidation(SimSidOptions options, LabeledImages validation)
{
    private readonly ValidationHalves? halves = options.Scoring.ChooseModeOnValidation && options.Training.KeepBestValidationEpoch
        ? ValidationHalves.Of(validation.IsAbnormal) : null;

    public bool IsDue(int epoch) => epoch % options.Training.ValidationInterval == 0 || epoch == options.Training.Epochs;

    /// <summary>Validates the model after <paramref name="epoch"/> and records it in <paramref name="state"/>. Returns true to stop early.</summary>
    public bool Run(SimSidModel model, int epoch, TrainingRunState state, TrainingReporter reporter)
    {
        var modes = options.Scoring.ChooseModeOnValidation ? ScoringModes.Network : [options.Scoring.Mode];
        var raw = Calibration.RawScores(model, validation, [.. modes]);
        var aucs = ModeAucs.Of(modes, raw, validation.IsAbnormal);
        if (halves is not null) state.RecordHalves(halves.Measure(epoch, modes, raw));
        state.RecordValidation(aucs.Values.Max(), epoch, model, options.Training.KeepBestValidationEpoch);
        reporter.Validated(epoch, aucs, state);
        return options.Training.EarlyStoppingPatience is int patience && state.ValidationsWithoutImprovement >= patience;
    }

    /// <summary>
    /// After training: every scoring mode's validation AUC with the model's final weights goes to
    /// <see cref="SimSidModel.ValidationAucs"/>, and with ChooseModeOnValidation the model's scoring mode
    /// becomes the one whose AUC is best. When the final weights are the best of several epochs', chosen on these images, the
    /// network modes' AUCs are the cross-fitted ones of <paramref name="state"/>'s epochs (<see cref="ValidationHalves"/>;
    /// <see cref="SimSidModel.CrossFittedNetworkAucs"/> says so). Returns true when the mode was chosen.
    /// </summary>
    public bool Conclude(SimSidModel model, TrainingRunState state)
    {
        var modes = model.AvailableModes;
        var raw = Calibration.RawScores(model, validation, [.. modes]);
        ConcludedRawScores = modes.Select((mode, m) => (mode, raw[m])).ToDictionary();
        var aucs = ModeAucs.Of(modes, raw, validation.IsAbnormal);
        // One epoch validated was chosen among none; without the kept epoch's halves (a checkpoint from before they were
        // kept) there is nothing to cross-fit with: the AUCs stay as measured.
        model.CrossFittedNetworkAucs = halves is not null && state.HalfAucs.Count > 1 && state.HalfAucs.Any(e => e.Epoch == state.BestEpoch);
        if (model.CrossFittedNetworkAucs)
            foreach (var (mode, auc) in ValidationHalves.CrossFitted(state.HalfAucs)) aucs[mode] = auc;
        model.ValidationAucs = aucs;
        int abnormal = validation.IsAbnormal.Count(a => a);
        model.ValidationCounts = new ValidationCounts(validation.IsAbnormal.Count - abnormal, abnormal);
        if (!options.Scoring.ChooseModeOnValidation) return false;
        // Ties go to the earlier mode of ScoringModes.All, the paper's first.
        var chosen = aucs.MaxBy(a => a.Value).Key;
        model.Options = model.Options with { Scoring = model.Options.Scoring with { Mode = chosen } };
        return true;
    }

    /// <summary>Every mode's raw validation scores with the final weights, from <see cref="Conclude"/>; calibration reuses them.</summary>
    public IReadOnlyDictionary<ScoringMode, double[]>? ConcludedRawScores { get; private set; }
}
